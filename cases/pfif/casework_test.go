package pfif_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"kintrace/cases"
	"kintrace/cases/pfif"
)

// TestRequestsRoundTrip: requests leave as PFIF notes with kt:request and
// come back whole in the full profile; in the others the applicant is left
// out, also where an answer names her. Follow-ups are not written.
func TestRequestsRoundTrip(t *testing.T) {
	c := exampleCase(t)
	c.Requests = []cases.Request{
		{ID: "R1", AuthorityKind: cases.AuthorityMilitaryProsecutor, Authority: "Southern District military prosecutor",
			Via: cases.ViaForm, Subject: "Is he alive?", Applicant: "Zinaida Applicantova", ApplicantContact: "+7 901 555-66-77",
			SentOn: "2024-02-01", Deadline: "2024-03-15", Reference: "ГВП-123", Status: cases.RequestAnswered,
			AnsweredOn: "2024-03-01", Answer: "Forwarded; Zinaida Applicantova will be told."},
	}
	c.FollowUps = []cases.FollowUp{{ID: "F1", Due: "2024-04-01", Note: "Secret follow-up note"}}
	now := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)

	var buf bytes.Buffer
	if err := pfif.Export(context.Background(), &buf, []cases.Case{c}, pfif.ExportOptions{Profile: cases.RedactNone, Now: now}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Secret follow-up note") {
		t.Error("a follow-up was written to PFIF")
	}
	got, err := pfif.Decode(bytes.NewReader(buf.Bytes()), pfif.ImportOptions{})
	if err != nil || len(got) != 1 {
		t.Fatalf("Decode: %v", err)
	}
	if !reflect.DeepEqual(got[0].Requests, c.Requests) {
		t.Errorf("requests after the round trip:\n got %+v\nwant %+v", got[0].Requests, c.Requests)
	}

	buf.Reset()
	if err := pfif.Export(context.Background(), &buf, []cases.Case{c}, pfif.ExportOptions{Profile: cases.RedactReporterIdentity, Now: now}); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"Zinaida Applicantova", "+7 901 555-66-77"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("redacted PFIF shows %q", secret)
		}
	}
	got, err = pfif.Decode(bytes.NewReader(buf.Bytes()), pfif.ImportOptions{})
	if err != nil || len(got) != 1 || len(got[0].Requests) != 1 || got[0].Requests[0].Reference != "ГВП-123" {
		t.Fatalf("redacted round trip: %+v, %v", got, err)
	}
}
