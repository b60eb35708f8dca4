package bundle_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"filippo.io/age"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
	"kintrace/internal/cputime"
)

// BenchmarkBundle exports 1 000 cases with 200 MB of attachments from one
// vault and imports them into a fresh one (after inspecting the bundle, as
// the app and the command line do, and into another fresh vault without
// inspecting it first), and in the same run seals and
// opens the same plaintext with the filippo.io/age library alone and with
// the age command-line tool (file to file, when it is on PATH), so the
// figures can be compared on one machine. Sizes can be lowered with
// KT_BENCH_CASES and KT_BENCH_MB. Run it with -benchtime=1x.
func BenchmarkBundle(b *testing.B) {
	nCases, mb := envInt("KT_BENCH_CASES", 1000), envInt("KT_BENCH_MB", 200)
	from, to := newPeer(b), newPeer(b)
	befriend(b, from, to)
	batch := make([]cases.Case, nCases)
	for i := range batch {
		batch[i] = fullCase("Сергей Лебедев " + strconv.Itoa(i))
	}
	added, err := from.v.AddAll(ctx, batch)
	if err != nil {
		b.Fatal(err)
	}
	// For scale: the vault's own attachment write and read rates on this
	// machine, which bound import and export.
	start := time.Now()
	var attIDs []string
	for i := range mb {
		c := added[i*len(added)/mb]
		a, err := from.v.AddAttachment(ctx, c.ID, nil, fmt.Sprintf("scan-%d.jpg", i), vaulttest.NewPattern(1<<20, byte(i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		attIDs = append(attIDs, a.ID)
	}
	vaultAdd := time.Since(start)
	start = time.Now()
	for _, id := range attIDs {
		rc, _, err := from.v.OpenAttachment(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, rc)
		rc.Close()
	}
	vaultRead := time.Since(start)
	file := filepath.Join(b.TempDir(), "all.age")
	opt := bundle.ExportOptions{CaseIDs: caseIDs(added), Recipients: []crypto.PublicKey{to.key}, Attachments: true}
	var exportT, nosyncT, discardT, inspectT, importT, coldT, sealT, openT, toolSealT, toolSyncT, toolOpenT time.Duration
	ageTool, _ := exec.LookPath("age")
	// Process CPU time of each step (all threads), which a busy machine
	// changes much less than the elapsed time.
	var exportC, discardC, inspectC, importC, coldC time.Duration
	cpu := func(into *time.Duration) func() {
		c0, _ := cputime.Process()
		return func() {
			c1, _ := cputime.Process()
			*into += c1 - c0
		}
	}
	var size int64
	var plain []byte
	for b.Loop() {
		dst, cold := newPeer(b), newPeer(b)
		befriend(b, from, dst)
		befriend(b, from, cold)
		opt.Recipients = []crypto.PublicKey{dst.key, cold.key}
		done := cpu(&exportC)
		start := time.Now()
		res, err := bundle.Export(ctx, from.v, file, opt)
		if err != nil {
			b.Fatal(err)
		}
		exportT += time.Since(start)
		done()
		size = res.Bytes
		// The same export into a file that is not synced, as the age
		// tool writes its output.
		start = time.Now()
		exportNoSync(b, from.v, filepath.Join(b.TempDir(), "nosync.age"), opt)
		nosyncT += time.Since(start)
		// The same export into io.Discard: without the file and its fsync.
		done = cpu(&discardC)
		start = time.Now()
		if _, err := bundle.ExportTo(ctx, from.v, io.Discard, opt); err != nil {
			b.Fatal(err)
		}
		discardT += time.Since(start)
		done()
		// Import into a vault that has not inspected the bundle first.
		done = cpu(&coldC)
		start = time.Now()
		ir, err := bundle.Import(ctx, cold.v, file, bundle.ImportOptions{})
		if err != nil || ir.New != nCases || ir.Attachments != mb {
			b.Fatalf("cold import: %+v %v", ir, err)
		}
		coldT += time.Since(start)
		done()
		// Inspect runs every check of import but writes nothing.
		done = cpu(&inspectC)
		start = time.Now()
		if _, err := bundle.Inspect(ctx, dst.v, file, bundle.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		inspectT += time.Since(start)
		done()
		done = cpu(&importC)
		start = time.Now()
		ir, err = bundle.Import(ctx, dst.v, file, bundle.ImportOptions{})
		if err != nil || ir.New != nCases || ir.Attachments != mb {
			b.Fatalf("import: %+v %v", ir, err)
		}
		importT += time.Since(start)
		done()

		// The same plaintext through age alone.
		id, _ := dst.v.Identity(ctx)
		f, _ := os.Open(file)
		r, err := age.Decrypt(f, id.AgeIdentity())
		if err != nil {
			b.Fatal(err)
		}
		plain, err = io.ReadAll(r)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		var sealed bytes.Buffer
		sealed.Grow(len(plain) + len(plain)/64 + 1024)
		start = time.Now()
		w, _ := age.Encrypt(&sealed, dst.key.Age)
		w.Write(plain)
		w.Close()
		sealT += time.Since(start)
		start = time.Now()
		r, _ = age.Decrypt(bytes.NewReader(sealed.Bytes()), id.AgeIdentity())
		io.Copy(io.Discard, r)
		openT += time.Since(start)

		// The same plaintext through the age command-line tool, file to
		// file, when it is on PATH (make bench installs it).
		if ageTool != "" {
			seal, synced, open := runAgeTool(b, ageTool, plain, dst.key.Age.String(), id.AgeIdentity().String())
			toolSealT += seal
			toolSyncT += synced
			toolOpenT += open
		}
	}
	n := float64(b.N)
	mbs := func(d time.Duration) float64 { return float64(size) / (1 << 20) / (d.Seconds() / n) }
	b.ReportMetric(float64(size)/(1<<20), "MB")
	b.ReportMetric(mbs(exportT), "export-MB/s")
	b.ReportMetric(mbs(nosyncT), "export-no-fsync-MB/s")
	b.ReportMetric(mbs(discardT), "export-no-file-MB/s")
	b.ReportMetric(mbs(inspectT), "inspect-MB/s")
	b.ReportMetric(mbs(importT), "import-MB/s")
	b.ReportMetric(mbs(coldT), "import-uninspected-MB/s")
	b.ReportMetric(mbs(sealT), "age-seal-MB/s")
	b.ReportMetric(mbs(openT), "age-open-MB/s")
	if ageTool != "" {
		b.ReportMetric(mbs(toolSealT), "age-tool-seal-MB/s")
		b.ReportMetric(mbs(toolSyncT), "age-tool-seal-fsync-MB/s")
		// The bar: export (with its fsync) against the tool with an
		// fsync of its output, and both without.
		b.ReportMetric(exportT.Seconds()/toolSyncT.Seconds(), "export/age-tool-fsync-x")
		b.ReportMetric(nosyncT.Seconds()/toolSealT.Seconds(), "export-no-fsync/age-tool-x")
		b.ReportMetric(mbs(toolOpenT), "age-tool-open-MB/s")
	} else {
		b.Log("the age tool is not on PATH: no age-tool figures (make bench installs it)")
	}
	cpuS := func(d time.Duration) float64 { return d.Seconds() / n }
	b.ReportMetric(cpuS(exportC), "export-cpu-s")
	b.ReportMetric(cpuS(discardC), "export-no-file-cpu-s")
	b.ReportMetric(cpuS(inspectC), "inspect-cpu-s")
	b.ReportMetric(cpuS(importC), "import-cpu-s")
	b.ReportMetric(cpuS(coldC), "import-uninspected-cpu-s")
	b.ReportMetric(float64(mb)/vaultAdd.Seconds(), "vault-attach-add-MB/s")
	b.ReportMetric(float64(mb)/vaultRead.Seconds(), "vault-attach-read-MB/s")
}

// runAgeTool writes plain to a file and times the age tool encrypting it to
// recipient into another file, then decrypting that with identity into a
// third, as a person would run it: `age -r KEY -o out in` and
// `age -d -i FILE -o out in`. Process start is included (a few ms). The
// tool does not sync its output: synced is seal plus an fsync of it, what
// a bundle export does before it renames its file into place.
func runAgeTool(b *testing.B, tool string, plain []byte, recipient, identity string) (seal, synced, open time.Duration) {
	b.Helper()
	dir := b.TempDir()
	in, sealed, out, idFile := filepath.Join(dir, "in"), filepath.Join(dir, "in.age"), filepath.Join(dir, "out"), filepath.Join(dir, "id.txt")
	if err := os.WriteFile(in, plain, 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(idFile, []byte(identity+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if msg, err := exec.Command(tool, "-r", recipient, "-o", sealed, in).CombinedOutput(); err != nil {
		b.Fatalf("age -r: %v %s", err, msg)
	}
	seal = time.Since(start)
	f, err := os.Open(sealed)
	if err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	synced = time.Since(start)
	start = time.Now()
	if msg, err := exec.Command(tool, "-d", "-i", idFile, "-o", out, sealed).CombinedOutput(); err != nil {
		b.Fatalf("age -d: %v %s", err, msg)
	}
	open = time.Since(start)
	return seal, synced, open
}

// exportNoSync exports into a file without syncing it.
func exportNoSync(b *testing.B, v *vault.Vault, path string, opt bundle.ExportOptions) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	if _, err := bundle.ExportTo(ctx, v, bw, opt); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
