package crypto_test

import (
	"fmt"

	"kintrace/crypto"
)

func Example() {
	master, err := crypto.NewKey()
	if err != nil {
		panic(err)
	}
	defer master.Wipe()
	records := crypto.Derive(master, crypto.PurposeRecords)
	defer records.Wipe()

	// The associated data ties the blob to one field of one version of one
	// record in one vault.
	ad := crypto.RecordAD([]byte("vault-id"), "case", "r-0001", "overview", 1)
	sealed, err := crypto.Seal(records, []byte(`{"name":"..."}`), ad)
	if err != nil {
		panic(err)
	}
	fmt.Println("sealed size:", len(sealed))

	plaintext, err := crypto.Open(records, sealed, ad)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(plaintext))

	// The same blob presented as version 2 does not open.
	_, err = crypto.Open(records, sealed, crypto.RecordAD([]byte("vault-id"), "case", "r-0001", "overview", 2))
	fmt.Println(err)
	// Output:
	// sealed size: 297
	// {"name":"..."}
	// crypto: open: authentication failed: crypto: data is damaged or has been tampered with
}
