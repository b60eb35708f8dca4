package vault

// ChunkIDs returns the opaque row ids of chunks 0 to n−1 of the attachment
// with id, for tests that tamper with them; the vault must be unlocked.
func (v *Vault) ChunkIDs(id string, n int64) []string {
	var out []string
	v.withKeys(func(k *keyring) error {
		row := rowID(k, kindAttachment, id)
		for seq := range n {
			out = append(out, chunkID(k, row, seq))
		}
		return nil
	})
	return out
}

// SetMigrateHook sets the function the migration to format 3 runs before
// its commit (nil: none).
func SetMigrateHook(f func()) { migrateHook = f }
