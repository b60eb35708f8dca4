package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kintrace/assets"
	"kintrace/cases"
	"kintrace/cases/search"
	"kintrace/cases/vault"
	"kintrace/crypto"
)

// newDemoHost is a feature host over a vault holding the demo cases.
func newDemoHost(t *testing.T, code string) *testHost {
	t.Helper()
	t.Cleanup(crypto.UseInsecureKDFForTests())
	a := newTestApp(t)
	if err := applyLanguage(code); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { applyLanguage("en") })
	v, _, err := vault.Create(filepath.Join(t.TempDir(), "demo.kintrace"), []byte(testPassphrase), vault.CreateOptions{Owner: "Marina"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	cs, err := cases.DecodeCases(assets.DemoCases)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.AddAll(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("")
	w.Resize(fyne.NewSize(1100, 760))
	return &testHost{win: w, v: v, inline: true}
}

// TestOverviewFoldsRegions: the demo vault writes Mordovia three ways
// ("Republic of Mordovia", "Республика Мордовия", "Mordovia"); the overview
// shows one bar per region, named in the GUI's language, with every case of
// the region counted.
func TestOverviewFoldsRegions(t *testing.T) {
	for _, tt := range []struct{ code, mordovia, rostov string }{
		{"en", "Mordovia", "Rostov Oblast"},
		{"ru", "Мордовия", "Ростовская область"},
		{"uk", "Мордовія", "Ростовська область"},
	} {
		t.Run(tt.code, func(t *testing.T) {
			h := newDemoHost(t, tt.code)
			o := showOverview(h, time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
			waitUI(&o.work)
			keys := map[string]string{}
			got := map[string]int{}
			for _, b := range o.region.bars {
				k := search.RegionKey(b.Label)
				if prev, ok := keys[k]; ok {
					t.Errorf("two bars for one region: %q and %q", prev, b.Label)
				}
				keys[k] = b.Label
				got[b.Label] = b.Value
			}
			wantMordovia := 0
			for _, c := range h.v.Search(search.Query{}) {
				if r, ok := search.LookupRegion(c.Region); ok && r.Key == "ru-mo" {
					wantMordovia++
				}
			}
			if wantMordovia < 2 || got[tt.mordovia] != wantMordovia {
				t.Errorf("bar %q = %d, want %d (bars %v)", tt.mordovia, got[tt.mordovia], wantMordovia, got)
			}
			if got[tt.rostov] == 0 {
				t.Errorf("no bar %q: %v", tt.rostov, got)
			}
			// Tapping the bar lists every case of the region.
			for _, r := range o.region.rows {
				if r.bar.Label == tt.mordovia {
					test.Tap(r)
				}
			}
			if len(h.shown) != 1 || len(h.v.Search(h.shown[0])) != wantMordovia {
				t.Errorf("tap on %q showed %+v", tt.mordovia, h.shown)
			}
		})
	}
}

// TestBarChartWrapsLongLabels: a label longer than the label column wraps
// onto more lines; every word of it is drawn, none is cut with "…".
func TestBarChartWrapsLongLabels(t *testing.T) {
	newTestApp(t)
	long := "Ханты-Мансийский автономный округ — Югра, исправительная колония № 11"
	c := newBarChart([]bar{{Label: long, Value: 3}, {Label: "Mordovia", Value: 1}})
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(360, 300))
	row := c.rows[0]
	if h1, h2 := row.MinSize().Height, c.rows[1].MinSize().Height; h1 <= h2 {
		t.Errorf("long label's row is %v high, a short one's %v: it did not wrap", h1, h2)
	}
	var drawn []string
	for _, o := range test.TempWidgetRenderer(t, row).Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "3" {
			drawn = append(drawn, txt.Text)
		}
	}
	if len(drawn) < 2 {
		t.Errorf("label drawn on %d line(s): %q", len(drawn), drawn)
	}
	if got := strings.Join(drawn, " "); got != long || strings.Contains(got, "…") {
		t.Errorf("label drawn as %q, want %q", got, long)
	}
}
