package bundle_test

import (
	"reflect"
	"strings"
	"testing"

	"kintrace/cases"
	"kintrace/cases/bundle"
	"kintrace/crypto"
)

// TestBundleCasework: requests (with a scanned reply attached) and
// follow-ups travel in a bundle; the redacting profiles leave out every
// request's applicant and keep the rest.
func TestBundleCasework(t *testing.T) {
	a := newPeer(t)
	c, err := a.v.Add(ctx, fullCase("Сергей Лебедев"))
	if err != nil {
		t.Fatal(err)
	}
	att, err := a.v.AddAttachment(ctx, c.ID, nil, "reply.pdf", strings.NewReader("%PDF-1.4 scanned reply"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Requests = []cases.Request{{ID: "R1", AuthorityKind: cases.AuthorityPrisonService, Authority: "UFSIN Mordovia",
		Applicant: "Oksana Applicant", ApplicantContact: "+7 900 123-45-67", SentOn: "2024-01-10",
		Reference: "RA1", Status: cases.RequestAnswered, AnsweredOn: "2024-02-01", Answer: "transferred",
		Attachments: []string{att.ID}}}
	c.FollowUps = []cases.FollowUp{{ID: "F1", Due: "2024-02-10", Owner: "Marina", Note: "call the mother"}}
	if c, err = a.v.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, red := range []cases.Redaction{cases.RedactNone, cases.RedactReporterIdentity, cases.RedactPublicOnly} {
		dst := newPeer(t)
		befriend(t, a, dst)
		file := export(t, a, bundle.ExportOptions{CaseIDs: []string{c.ID}, Recipients: []crypto.PublicKey{dst.key},
			Redaction: red, Attachments: true})
		if _, err := bundle.Import(ctx, dst.v, file, bundle.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		got, err := dst.v.Get(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := c.Requests
		if red != cases.RedactNone {
			want = red.Apply(c).Requests
			if want[0].Applicant != "" || want[0].ApplicantContact != "" {
				t.Fatal("Apply kept the applicant")
			}
		}
		if !reflect.DeepEqual(got.Requests, want) || !reflect.DeepEqual(got.FollowUps, c.FollowUps) {
			t.Errorf("%s: requests %+v, follow-ups %+v", red, got.Requests, got.FollowUps)
		}
		atts, err := dst.v.Attachments(ctx, c.ID)
		if err != nil || len(atts) != 1 || atts[0].ID != att.ID {
			t.Errorf("%s: the reply's attachment %+v, %v", red, atts, err)
		}
		o, _ := dst.v.Index().Get(c.ID)
		if len(o.FollowUps) != 1 {
			t.Errorf("%s: overview follow-ups %+v", red, o.FollowUps)
		}
	}
}
