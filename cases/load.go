package cases

import (
	"context"
	"encoding/json"
	"fmt"

	"kintrace/crypto"
)

// load reads every row once at unlock: it decrypts the case overviews for
// the index (details stay sealed until a case is opened), reads the owner's
// name, and recomputes the integrity head from the rows to compare it with
// the stored one. It writes nothing.
func (v *Vault) load(ctx context.Context, k *keyring, progress func(done, total int)) ([]Overview, string, error) {
	var total int
	if err := v.db.QueryRowContext(ctx, `SELECT count(*) FROM records`).Scan(&total); err != nil {
		return nil, "", err
	}
	if progress != nil {
		progress(0, total)
	}
	rows, err := v.db.QueryContext(ctx, `SELECT id, kind, version, overview, details FROM records`)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var (
		acc       headTerm
		count     int64
		owner     string
		overviews = make([]Overview, 0, total)
	)
	for rows.Next() {
		if count%512 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, "", err
			}
			if progress != nil && count > 0 {
				progress(int(count), total)
			}
		}
		var row, kind string
		var r storedRow
		if err := rows.Scan(&row, &kind, &r.version, &r.overview, &r.details); err != nil {
			return nil, "", err
		}
		t := r.term(k, row, kind)
		xorInto(&acc, t)
		count++
		switch kind {
		case kindCase:
			pt, err := crypto.Open(k.records, r.overview, v.ad(kindCase, row, fieldOverview, r.version))
			if err != nil {
				return nil, "", fmt.Errorf("case overview: %w", err)
			}
			var o Overview
			err = json.Unmarshal(pt, &o)
			crypto.Wipe(pt)
			if err != nil || o.Version != r.version {
				return nil, "", fmt.Errorf("case overview: %w", crypto.ErrCorrupt)
			}
			overviews = append(overviews, o)
		case kindProfile:
			id, data, err := v.openRecord(k, kind, row, &r)
			if err != nil {
				return nil, "", fmt.Errorf("profile: %w", err)
			}
			if id == "owner" {
				owner = string(data)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	want, wantCount, err := v.readHead(v.db, k)
	if err != nil {
		return nil, "", err
	}
	if want != acc || wantCount != count {
		return nil, "", ErrTampered
	}
	if progress != nil {
		progress(total, total)
	}
	return overviews, owner, nil
}
