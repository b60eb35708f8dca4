package vault_test

import (
	"slices"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/patterns"
	"kintrace/cases/vault"
	"kintrace/cases/vault/vaulttest"
)

// linkCases are written in different scripts and formats; the comment on
// each says what it shares.
func linkCases() []cases.Case {
	mk := func(name string) cases.Case {
		c := vaulttest.SampleCase(name)
		c.Person.Phones, c.Person.Handles, c.Person.Facility, c.Person.Unit = nil, nil, "", ""
		c.Person.Region, c.Events, c.Places = "", nil, nil
		return c
	}
	a := mk("Сергей Лебедев")
	a.Person.Phones = []string{"+7 912 555-01-23"}
	a.Person.Facility = "ИК-17, Мордовия"
	a.Events = []cases.Event{{Date: "2022-07-10", Type: "message_received", Channel: "whatsapp",
		From: "+7 999 000-44-17", Text: "Asked for a copy of mother's passport."}}

	b := mk("Ivan Petrov")
	b.Person.Facility = "IK-17 Mordovia"
	b.Events = []cases.Event{{Date: "2022-08-01", Type: "call", Channel: "phone",
		From: "8 (999) 000-44-17", Text: "An accountant called."}}

	c := mk("Олег Жуков")
	c.Person.Facility = "IK17"
	c.Person.Handles = []cases.Handle{{Channel: "telegram", Value: "@Oleg_Z"}}
	c.Events = []cases.Event{{Date: "2022-09-01", Type: "message_received", Channel: "whatsapp",
		From: "+79125550123", Text: "Брат пишет с номера брата Сергея."}}

	d := mk("Taras Shevchuk")
	d.Person.Facility = "ИК-17, Пермский край"
	d.Person.Unit = "в/ч 12345"
	d.Events = []cases.Event{{Date: "2022-10-01", Type: "note", Text: "Знакомый пишет: t.me/oleg_z"}}

	e := mk("Павел Морозов")
	e.Person.Unit = "military unit 12345"
	return []cases.Case{a, b, c, d, e}
}

func linkMap(links []patterns.Link, names map[string]string) map[string][]string {
	out := map[string][]string{}
	for _, l := range links {
		k := string(l.Ident.Kind) + ":" + l.Ident.Key
		for _, c := range l.Cases {
			out[k] = append(out[k], names[c.ID])
		}
		slices.Sort(out[k])
	}
	return out
}

func TestVaultLinksAcrossScripts(t *testing.T) {
	v, path, _ := vaulttest.New(t)
	added, err := v.AddAll(ctx, linkCases())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for i, c := range added {
		names[c.ID] = string(rune('A' + i))
	}
	check := func(v *vault.Vault) {
		t.Helper()
		x := v.Identifiers()
		if x.Len() != 5 {
			t.Fatalf("Len = %d, want 5", x.Len())
		}
		tests := []struct {
			who  int
			want map[string][]string
		}{
			{0, map[string][]string{"phone:79990004417": {"B"}, "phone:79125550123": {"C"}, "facility:IK-17": {"B", "C"}}},
			{1, map[string][]string{"phone:79990004417": {"A"}, "facility:IK-17": {"A", "C"}}},
			// C's "IK17" names no region: it may be the Mordovian or the Perm colony.
			{2, map[string][]string{"phone:79125550123": {"A"}, "facility:IK-17": {"A", "B", "D"}, "handle:oleg_z": {"D"}}},
			// D's colony is in Perm: not A's or B's.
			{3, map[string][]string{"facility:IK-17": {"C"}, "unit:12345": {"E"}, "handle:oleg_z": {"C"}}},
			{4, map[string][]string{"unit:12345": {"D"}}},
		}
		for _, tt := range tests {
			got := linkMap(x.Links(added[tt.who].ID), names)
			if len(got) != len(tt.want) {
				t.Errorf("case %c: links %v, want %v", 'A'+tt.who, got, tt.want)
				continue
			}
			for k, w := range tt.want {
				if !slices.Equal(got[k], w) {
					t.Errorf("case %c: %s links %v, want %v", 'A'+tt.who, k, got[k], w)
				}
			}
		}
	}
	check(v)
	// The index is rebuilt from the sealed overviews at unlock.
	v = vaulttest.Reopen(t, v, path)
	check(v)

	// Saving a case updates its links: B no longer mentions the number.
	b, err := v.Get(ctx, added[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	b.Events[0].From = ""
	if _, err := v.Update(ctx, b); err != nil {
		t.Fatal(err)
	}
	if got := linkMap(v.Identifiers().Links(added[0].ID), names)["phone:79990004417"]; got != nil {
		t.Errorf("after B's save, A still links by the number to %v", got)
	}
	if err := v.Delete(ctx, added[4].ID); err != nil {
		t.Fatal(err)
	}
	if got := linkMap(v.Identifiers().Links(added[3].ID), names)["unit:12345"]; got != nil {
		t.Errorf("after E's delete, D still links by the unit to %v", got)
	}
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if n := v.Identifiers().Len(); n != 0 {
		t.Errorf("after Lock the identifier index holds %d cases", n)
	}
}

func TestSharedIdentifiers(t *testing.T) {
	v, _, _ := vaulttest.New(t)
	added, err := v.AddAll(ctx, linkCases())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for i, c := range added {
		names[c.ID] = string(rune('A' + i))
	}
	summary := func(list []patterns.Shared) []string {
		var out []string
		for _, s := range list {
			var who []string
			for _, c := range v.Identifiers().CasesOf(s.Ident) {
				who = append(who, names[c.ID])
			}
			slices.Sort(who)
			out = append(out, string(s.Ident.Kind)+":"+s.Ident.Key+"@"+s.Ident.Region+"="+strings.Join(who, ""))
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name string
		q    patterns.SharedQuery
		want []string
	}{
		{"all", patterns.SharedQuery{}, []string{
			"facility:IK-17@mordovi=ABC", "facility:IK-17@permski=CD", "handle:oleg_z@=CD",
			"phone:79125550123@=AC", "phone:79990004417@=AB", "unit:12345@=DE"}},
		{"phones only", patterns.SharedQuery{Kind: patterns.IdentPhone}, []string{"phone:79125550123@=AC", "phone:79990004417@=AB"}},
		{"at least three", patterns.SharedQuery{Min: 3}, []string{"facility:IK-17@mordovi=ABC"}},
		{"filtered by digits typed another way", patterns.SharedQuery{Text: "8 999 000"}, []string{"phone:79990004417@=AB"}},
		{"filtered by Cyrillic spelling of a Latin label", patterns.SharedQuery{Text: "ик-17"}, []string{
			"facility:IK-17@mordovi=ABC", "facility:IK-17@permski=CD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summary(v.Identifiers().Shared(tt.q))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
	byCount := v.Identifiers().Shared(patterns.SharedQuery{Sort: patterns.SharedByCount})
	if byCount[0].Count != 3 {
		t.Errorf("by count: first has %d cases, want 3", byCount[0].Count)
	}
	for _, s := range byCount {
		if s.First.IsZero() || s.Last.Before(s.First) {
			t.Errorf("%s: first %v last %v", s.Ident.Label(), s.First, s.Last)
		}
	}
}
