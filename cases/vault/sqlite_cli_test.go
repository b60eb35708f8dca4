package vault_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

// sqliteQuery runs the sqlite3 command line tool on the vault file, read
// only, and returns what it prints (blobs as X'hex').
func sqliteQuery(t *testing.T, path, query string) string {
	t.Helper()
	out, err := exec.Command("sqlite3", "-readonly", "-cmd", ".mode quote", path, query).CombinedOutput()
	if err != nil {
		t.Fatalf("sqlite3 %q: %v\n%s", query, err, out)
	}
	return string(out)
}

// layoutColumns is every table and column a vault of format 2 may have.
var layoutColumns = map[string]string{
	"meta":              "key,value",
	"slots":             "id,data",
	"records":           "id,overview,details",
	"revisions":         "id,data",
	"attachment_chunks": "id,data",
	"head":              "id,acc,count,revisions,chunks,state,mac",
	"schema_migrations": "version",
}

// TestSQLiteShowsNoSealedFact reads a vault with the sqlite3 tool, as
// someone who holds the file but no key would, dumping every column of
// every table, and fails on any fact the vault seals: names and notes, the
// creation and save times in any common form, the case number counter and
// prefix, record kinds, and any column that groups revisions by case or
// chunks by attachment.
func TestSQLiteShowsNoSealedFact(t *testing.T) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Skip("the sqlite3 command line tool is not installed (scripts/deps.sh installs it)")
	}
	defer crypto.UseInsecureKDFForTests()()
	ctx := context.Background()
	start := time.Now().UTC()
	v, path, _ := vaulttest.New(t)
	markers := []string{"Зиновия Маркерова", "Quillon Markerby", "Фредерика Штопорова", "MarkerNoteAlpha", "Ярослав Маркер"}
	var ids []string
	for _, name := range markers[:3] {
		c, err := v.Add(ctx, vaulttest.SampleCase(name))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	c, err := v.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		c.Notes = fmt.Sprintf("%s edit %d", markers[3], i)
		if c, err = v.Update(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for i, size := range []int64{30, 70_000, 200_000} {
		if _, err := v.AddAttachment(ctx, ids[i%2], nil, fmt.Sprintf("marker-file-%d.jpg", i), vaulttest.NewPattern(size, byte(i)), nil); err != nil {
			t.Fatal(err)
		}
	}
	id, err := crypto.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddContact(ctx, markers[4], id.Public()); err != nil {
		t.Fatal(err)
	}
	info := v.Info()
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	end := time.Now().UTC()

	// The schema: no column beyond the opaque ids and sealed blobs.
	for table, want := range layoutColumns {
		got := strings.ReplaceAll(strings.TrimSpace(sqliteQuery(t, path,
			`SELECT group_concat(name, ',') FROM pragma_table_info('`+table+`')`)), "'", "")
		if got != want {
			t.Errorf("table %s has columns %s, want %s", table, got, want)
		}
	}
	tables := strings.Fields(strings.ReplaceAll(sqliteQuery(t, path,
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`), "'", ""))
	if len(tables) != len(layoutColumns) {
		t.Errorf("tables %v, want those of %v", tables, layoutColumns)
	}
	if got := sqliteQuery(t, path, `SELECT key FROM meta ORDER BY key`); got != "'format'\n'vault_id'\n" {
		t.Errorf("meta rows: %q, want format and vault_id only", got)
	}

	// Every row of every table, every column.
	var dump strings.Builder
	for _, table := range tables {
		q := `SELECT rowid, * FROM ` + table
		if table == "meta" || table == "slots" { // WITHOUT ROWID tables
			q = `SELECT * FROM ` + table
		}
		dump.WriteString(sqliteQuery(t, path, q))
	}
	text := dump.String()
	lower := strings.ToLower(text)
	forbidden := append([]string{}, markers...)
	forbidden = append(forbidden, "marker-file", "KT-"+info.Prefix, info.Prefix+"-0", "next_number", "created_at", "last_saved", "prefix")
	for _, tm := range []time.Time{info.CreatedAt, info.LastSaved} {
		forbidden = append(forbidden, tm.Format(time.RFC3339), tm.Format(time.DateOnly), tm.Format(time.DateTime),
			tm.Format("02.01.2006"), tm.Format("20060102"), tm.Local().Format(time.DateOnly))
	}
	for _, kind := range []string{"case", "attachment", "contact", "profile", "identity", "revision", "chunk"} {
		forbidden = append(forbidden, "'"+kind+"'")
		if len(kind) >= 5 {
			forbidden = append(forbidden, hex.EncodeToString([]byte(kind)))
		}
	}
	for _, f := range forbidden {
		if strings.Contains(text, f) || strings.Contains(lower, hex.EncodeToString([]byte(f))) {
			t.Errorf("the sqlite3 dump shows %q", f)
		}
	}
	// Times as Unix seconds or milliseconds: any integer value in the dump.
	// Blobs are left out: sealed bytes written in hex hold runs of decimal
	// digits by chance, and one of them fell within a day of the test's
	// time in a CI run.
	values := regexp.MustCompile(`X'[0-9A-Fa-f]*'`).ReplaceAllString(text, "X''")
	for _, m := range regexp.MustCompile(`-?\d+`).FindAllString(values, -1) {
		n, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			continue
		}
		for _, unit := range []int64{1, 1000} {
			if n >= (start.Unix()-86400)*unit && n <= (end.Unix()+86400)*unit {
				t.Errorf("the sqlite3 dump holds %d, a time of this test", n)
			}
		}
	}
	// Sizes: every chunk row has the same length, and the rows of other
	// kinds (profile, identity, contact, attachments) have the lengths of
	// the smallest cases.
	if got := strings.Count(sqliteQuery(t, path, `SELECT DISTINCT length(data) FROM attachment_chunks`), "\n"); got != 1 {
		t.Errorf("chunk rows have %d different lengths, want 1", got)
	}
	ovSizes := sqliteQuery(t, path, `SELECT DISTINCT length(overview) FROM records`)
	if !bytes.Contains([]byte(ovSizes), []byte("1065\n")) {
		t.Errorf("row header sizes %q: none at the floor", ovSizes)
	}
	// Revisions and chunks: nothing in a row names its case or attachment.
	revs := sqliteQuery(t, path, `SELECT id FROM revisions`)
	if n := strings.Count(revs, "\n"); n != 4 {
		t.Errorf("%d revision rows, want 4", n)
	}
	for _, id := range ids {
		if strings.Contains(text, id) {
			t.Errorf("the dump holds case id %s", id)
		}
	}
	if got := sqliteQuery(t, path, `SELECT value FROM meta WHERE key = 'format'`); got != "X'"+hex.EncodeToString([]byte(vault.FormatVersion))+"'\n" {
		t.Errorf("format %q", got)
	}
}
