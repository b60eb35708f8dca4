package search_test

import (
	"strings"
	"testing"

	"kintrace/cases/search"
)

func TestLookupRegion(t *testing.T) {
	tests := []struct {
		in, key string // key "": not a gazetteer region
	}{
		{"Mordovia", "ru-mo"},
		{"Republic of Mordovia", "ru-mo"},
		{"Rep. of Mordovia", "ru-mo"},
		{"Республика Мордовия", "ru-mo"},
		{"Мордовия", "ru-mo"},
		{"Мордовія", "ru-mo"},
		{"респ. Мордовия", "ru-mo"},
		{"Rostov Oblast", "ru-ros"},
		{"Ростовская обл.", "ru-ros"},
		{"Ростовская область", "ru-ros"},
		{"Ростовська область", "ru-ros"},
		{"Rostovskaya oblast", "ru-ros"},
		{"rostov region", "ru-ros"},
		{"Moscow", "ru-mow"},
		{"г. Москва", "ru-mow"},
		{"Moscow Oblast", "ru-mos"},
		{"Московская обл.", "ru-mos"},
		{"Moscow region", "ru-mos"},
		{"Chuvash Republic", "ru-cu"},
		{"Чувашия", "ru-cu"},
		{"Luhansk Oblast (occupied)", "ua-lh"},
		{"ЛНР", "ua-lh"},
		{"Donetsk Oblast (occupied)", "ua-dn"},
		{"Донецкая область", "ua-dn"},
		{"Запорізька область", "ua-zp"},
		{"Zaporozhye Oblast", "ua-zp"},
		{"Херсонская обл", "ua-ks"},
		{"Республика Крым", "ua-cr"},
		{"Crimea", "ua-cr"},
		{"Севастополь", "ua-sc"},
		{"Kyiv", "ua-kc"},
		{"Kyiv Oblast", "ua-ky"},
		{"Altai Krai", "ru-alt"},
		{"Altai Republic", "ru-al"},
		{"Altai", ""}, // either of two
		{"Leningrad Oblast", "ru-len"},
		{"Saint Petersburg", "ru-spe"},
		{"ХМАО", "ru-khm"},
		{"Rostov-on-Don", ""},
		{"IK-17", ""},
		{"", ""},
		{"oblast", ""},
	}
	for _, tt := range tests {
		r, ok := search.LookupRegion(tt.in)
		if got := map[bool]string{true: r.Key}[ok]; got != tt.key {
			t.Errorf("LookupRegion(%q) = %q, want %q", tt.in, got, tt.key)
		}
	}
}

// TestRegionTableNamesItsOwn checks that every region's three names lead
// back to it: no two rows share a spelling that would fold them together.
func TestRegionTableNamesItsOwn(t *testing.T) {
	regions := search.Regions()
	if len(regions) < 83+27 {
		t.Fatalf("gazetteer has %d regions, want the 83 subjects of Russia and 27 of Ukraine", len(regions))
	}
	seen := map[string]bool{}
	for _, r := range regions {
		if seen[r.Key] {
			t.Errorf("key %q twice", r.Key)
		}
		seen[r.Key] = true
		for _, code := range []string{"en", "ru", "uk"} {
			n := r.Name(code)
			if got, ok := search.LookupRegion(n); !ok || got.Key != r.Key {
				t.Errorf("%s name %q of %s finds %q (%v)", code, n, r.Key, got.Key, ok)
			}
		}
	}
}

func TestRegionKeyAndName(t *testing.T) {
	if a, b := search.RegionKey("Республика Мордовия"), search.RegionKey("Mordovia"); a != b {
		t.Errorf("RegionKey differs: %q, %q", a, b)
	}
	if a, b := search.RegionKey("Moscow"), search.RegionKey("Moscow Oblast"); a == b {
		t.Errorf("Moscow and Moscow Oblast share the key %q", a)
	}
	if got, want := search.RegionKey("Some Valley"), search.Fold("Some Valley"); got != want {
		t.Errorf("RegionKey of an unknown region = %q, want its fold %q", got, want)
	}
	if strings.HasPrefix(search.Fold("@x"), "@") {
		t.Error("Fold keeps @, so a region key could equal a fold")
	}
	for _, tt := range []struct{ in, code, want string }{
		{"Republic of Mordovia", "ru", "Мордовия"},
		{"Ростовская обл.", "en", "Rostov Oblast"},
		{"Rostov Oblast", "uk", "Ростовська область"},
		{"Some Valley", "ru", "Some Valley"},
	} {
		if got := search.RegionName(tt.in, tt.code); got != tt.want {
			t.Errorf("RegionName(%q, %q) = %q, want %q", tt.in, tt.code, got, tt.want)
		}
	}
}
