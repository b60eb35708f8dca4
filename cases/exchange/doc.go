// Package exchange keeps a team's vaults in step through a folder that
// something else carries: Syncthing, a shared drive, a USB stick
// (docs/EXCHANGE.md). There is no server: each vault writes ordinary
// signed bundles (package bundle) into its exchange folder's outbox/ and
// takes in what appears in its inbox/.
//
// Everything the package remembers is sealed in the vault as records of
// its own kinds, never in the GUI's preferences:
//
//	exchange-folder/settings   the folder and this vault's opaque file tag
//	exchange-rules/<contact>   what is shared with a contact and how redacted
//	exchange-ledger/<contact>  which case versions, attachments and deletions
//	                           the contact has been sent or is known to hold,
//	                           and which of them it acknowledged
//	exchange-inbox/<sha256>    an inbox file already handled, by its hash
//
// Send writes, for one contact, a bundle of only the case versions and
// attachments the ledger says the contact lacks, and a signed notice of
// the deletions it has not been offered. Scan lists the inbox: files still
// being synced (temporary names, a modification time too recent) are left
// for later, files addressed to other vaults are left alone silently,
// files handled before are recognised by their hash, and every other file
// gets a Status the front ends translate into a line. Receive takes one
// item in: a bundle through bundle.Import (the same plan as a manual
// import: new, update, already have, older, conflict), a receipt into the
// ledger, deletions only when the user confirms them; after a bundle or
// deletions it writes a signed receipt for the sender into the outbox.
//
// File names carry nothing but the vault's random tag and a sequence
// number: <tag>-<sequence>.kintrace.
package exchange
