package bundle_test

import (
	"context"
	"os"
	"testing"

	"kintrace/crypto"
)

var ctx = context.Background()

// TestMain runs every test with the cheap KDF parameters of
// crypto.UseInsecureKDFForTests: vaults and passphrase bundles.
func TestMain(m *testing.M) {
	restore := crypto.UseInsecureKDFForTests()
	code := m.Run()
	restore()
	os.Exit(code)
}
