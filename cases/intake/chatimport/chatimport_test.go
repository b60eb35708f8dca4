package chatimport

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/intake/chat"
	"kintrace/cases/media"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
	"kintrace/crypto"
)

func TestMain(m *testing.M) {
	restore := crypto.UseInsecureKDFForTests()
	code := m.Run()
	restore()
	os.Exit(code)
}

var moscow = time.FixedZone("MSK", 3*3600)

const fixtures = "../chat/testdata/"

func photo(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(fixtures + "telegram/photos/photo_1@12-07-2022_14-07-10.jpg")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// writeZip writes a WhatsApp iOS export zip of the Russian fixture with
// its photo into a temporary folder and returns its path.
func writeZip(t *testing.T, photo []byte) string {
	t.Helper()
	text, err := os.ReadFile(fixtures + "whatsapp_ios_ru.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("_chat.txt")
	w.Write(text)
	w, _ = zw.Create("00000012-PHOTO-2022-07-13-18-40-11.jpg")
	w.Write(photo)
	zw.Close()
	p := filepath.Join(t.TempDir(), "WhatsApp Chat - Ольга.zip")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func open(t *testing.T, path string) *chat.Export {
	t.Helper()
	x, err := chat.Open(path, chat.Options{Location: moscow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func TestImportWhatsAppZip(t *testing.T) {
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Андрей Петренко"))
	if err != nil {
		t.Fatal(err)
	}
	x := open(t, writeZip(t, photo(t)))
	req := Request{Case: c.Number, Me: "Марина (фонд)"}
	p, err := Prepare(ctx, v, x, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 4 || p.Attachments != 1 || p.MissingMedia != 0 || len(p.Senders) != 3 ||
		p.Senders[0].Handle != "+7 999 000-12-34" || p.Senders[0].Messages != 2 {
		t.Fatalf("plan %+v", p)
	}
	done, err := Import(ctx, v, x, req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != c.Version+1 || len(got.Events) != 5 || done.Version != got.Version {
		t.Fatalf("version %d, %d events", got.Version, len(got.Events))
	}
	ev := got.Events[2]
	if ev.Date != "2022-07-13T15:40:11Z" || ev.From != "+7 999 000-12-34" || ev.Channel != cases.ChannelWhatsApp ||
		ev.Source != chat.Source || ev.Verification != cases.VerificationUnverified || ev.OriginIn(&got.Person) != cases.OriginClaimed {
		t.Errorf("event %+v", ev)
	}
	if got.Events[4].Type != cases.EventMessageSent {
		t.Errorf("my message %+v", got.Events[4])
	}
	atts, err := v.Attachments(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 1 || atts[0].Event == nil || *atts[0].Event != 2 || atts[0].Name != "00000012-PHOTO-2022-07-13-18-40-11.jpg" || atts[0].Type != "image/jpeg" {
		t.Fatalf("attachments %+v", atts)
	}
	data, _, err := vaulttest.ReadAttachment(t, v, atts[0].ID)
	if err != nil || bytes.Contains(data, []byte("GPS-MARKER")) || len(data) == 0 {
		t.Errorf("the photo keeps its location (%v)", err)
	}

	// A second import adds nothing.
	if _, err := Import(ctx, v, x, req); !errors.Is(err, ErrNothingToImport) {
		t.Errorf("second import: %v", err)
	}
	again, _ := v.Get(ctx, c.ID)
	if again.Version != got.Version {
		t.Errorf("the second import saved version %d", again.Version)
	}

	// Nothing of the chat is in the vault's folder in plain text, and no
	// other file was written there.
	v.Close()
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), filepath.Base(path)) {
			t.Errorf("unexpected file %s beside the vault", e.Name())
		}
		b, _ := os.ReadFile(filepath.Join(filepath.Dir(path), e.Name()))
		for _, s := range []string{"бухгалтер", "000-12-34", "PHOTO-2022", "Петренко"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds %q in plain text", e.Name(), s)
			}
		}
	}
}

func TestImportTelegram(t *testing.T) {
	ctx := context.Background()
	v, _, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Олег Коваль"))
	if err != nil {
		t.Fatal(err)
	}
	x := open(t, fixtures+"telegram/result.json")
	p, err := Import(ctx, v, x, Request{Case: c.ID, Me: "Марина (фонд)"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 4 || p.Attachments != 2 {
		t.Fatalf("plan %+v", p)
	}
	got, _ := v.Get(ctx, c.ID)
	ev := got.Events[2]
	if ev.Channel != cases.ChannelTelegram || ev.From != "user5550001111" || ev.Text != "Вот ответ из ФСИН, посмотрите" || ev.Date != "2022-07-12T12:07:10Z" {
		t.Errorf("photo event %+v", ev)
	}
	atts, _ := v.Attachments(ctx, c.ID)
	var names []string
	for _, a := range atts {
		names = append(names, a.Name)
	}
	slices.Sort(names)
	if strings.Join(names, ",") != "audio_1@13-07-2022_09-30-00.ogg,photo_1@12-07-2022_14-07-10.jpg" {
		t.Errorf("attachments %q", names)
	}
	for _, a := range atts {
		if a.Event == nil || (*a.Event != 2 && *a.Event != 3) {
			t.Errorf("attachment %s not linked to its event: %v", a.Name, a.Event)
		}
	}
}

// state is what a failed import must leave as it was.
func state(t *testing.T, v *vault.Vault, id string) string {
	t.Helper()
	c, err := v.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	atts, _ := v.Attachments(context.Background(), id)
	js, _ := cases.EncodeCases([]cases.Case{c})
	return string(js) + "|" + strings.Repeat("a", len(atts))
}

func TestFailedImportChangesNothing(t *testing.T) {
	ctx := context.Background()
	v, path, _ := vaulttest.New(t)
	c, err := v.Add(ctx, vaulttest.SampleCase("Андрей Петренко"))
	if err != nil {
		t.Fatal(err)
	}
	before := state(t, v, c.ID)

	// A damaged photo fails the whole import.
	broken := append([]byte{0xff, 0xd8, 0xff, 0xe1, 0x00}, bytes.Repeat([]byte{7}, 40)...)
	x := open(t, writeZip(t, broken))
	_, err = Import(ctx, v, x, Request{Case: c.ID})
	var bad *media.DamagedImageError
	if !errors.As(err, &bad) {
		t.Fatalf("damaged photo: %v", err)
	}
	if after := state(t, v, c.ID); after != before {
		t.Errorf("a failed import changed the case")
	}

	// A cancelled import.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Import(cctx, v, open(t, writeZip(t, photo(t))), Request{Case: c.ID}); err == nil {
		t.Error("a cancelled import succeeded")
	}
	// An unknown case.
	if _, err := Import(ctx, v, x, Request{Case: "KT-NONE"}); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("unknown case: %v", err)
	}
	if after := state(t, v, c.ID); after != before {
		t.Errorf("a failed import changed the case")
	}
	v.Close()
	if n := vaulttest.ChunkRows(t, path); n != 0 {
		t.Errorf("%d attachment chunks left by failed imports", n)
	}
}
