// Package passphrase is the rule a new vault passphrase must meet: at least
// MinRunes characters and MinBits of estimated entropy once common
// passwords, repeats and keyboard or alphabet sequences are discounted.
// The GUI's strength meter and the CLI's vault init and passwd use the same
// Check, so neither front end accepts what the other refuses. Pure functions
// over strings: no storage, no GUI.
package passphrase
