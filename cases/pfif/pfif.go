package pfif

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Namespaces and the record id domain.
const (
	// Namespace is the XML namespace of PFIF 1.4.
	Namespace = "http://zesty.ca/pfif/1.4"
	// ExtNamespace holds Kintrace's additions to person and note records.
	ExtNamespace = "urn:kintrace:pfif:1"
	// Domain is the domain part of the record ids Kintrace writes
	// ("kintrace.local/01JD8Q7W3K9F2M6T4R0YB5XHCN").
	Domain = "kintrace.local"
)

// Errors of Decode. They name elements and record numbers, never their
// contents.
var (
	// ErrInvalid reports a document that is not well-formed PFIF 1.4.
	ErrInvalid = errors.New("pfif: not a valid PFIF 1.4 document")
	// ErrVersion reports a PFIF document of another version.
	ErrVersion = errors.New("pfif: unsupported PFIF version (want 1.4)")
	// ErrTooLarge reports a document beyond the import limits.
	ErrTooLarge = errors.New("pfif: the document exceeds the import limits")
)

// Limits of Decode.
const (
	MaxDocument       = 64 << 20 // bytes
	MaxPersons        = 100_000
	MaxNotesPerPerson = 10_000
	MaxField          = 64 << 10 // bytes of one field's text
)

// timeLayout is PFIF's UTC timestamp form.
const timeLayout = "2006-01-02T15:04:05Z"

// Note statuses of PFIF 1.4.
const (
	statusInformationSought = "information_sought"
	statusIsNoteAuthor      = "is_note_author"
	statusBelievedAlive     = "believed_alive"
	statusBelievedMissing   = "believed_missing"
	statusBelievedDead      = "believed_dead"
)

var noteStatuses = []string{statusInformationSought, statusIsNoteAuthor, statusBelievedAlive,
	statusBelievedMissing, statusBelievedDead}

// The fields of PFIF 1.4 records, in the standard's order.
var (
	personFields = []string{"person_record_id", "entry_date", "expiry_date", "author_name", "author_email",
		"author_phone", "source_name", "source_date", "source_url", "full_name", "given_name", "family_name",
		"alternate_names", "description", "sex", "date_of_birth", "age", "home_street", "home_neighborhood",
		"home_city", "home_state", "home_postal_code", "home_country", "photo_url", "profile_urls"}
	noteFields = []string{"note_record_id", "person_record_id", "linked_person_record_id", "entry_date",
		"author_name", "author_email", "author_phone", "source_date", "author_made_contact", "status",
		"email_of_found_person", "phone_of_found_person", "last_known_location", "text", "photo_url"}
)

// localID returns the case id of a record id in Kintrace's domain, or a
// stable id derived from a foreign record id, so that importing the same
// file twice finds the cases already there instead of adding copies.
func localID(recordID string) string {
	if rest, ok := strings.CutPrefix(recordID, Domain+"/"); ok && validID(rest) {
		return rest
	}
	sum := sha256.Sum256([]byte(recordID))
	return "pfif-" + strings.ToUpper(hex.EncodeToString(sum[:13]))
}

// validID matches the case ids cases.Validate accepts.
func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func formatTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(timeLayout) }
