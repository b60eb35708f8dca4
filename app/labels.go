package app

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"kintrace/cases"
)

// statusLabel is a case status in the user's language.
func statusLabel(s cases.Status) string {
	switch s {
	case cases.StatusOpen:
		return lang.X("status.open", "Open")
	case cases.StatusContactLost:
		return lang.X("status.contact_lost", "Contact lost")
	case cases.StatusLocated:
		return lang.X("status.located", "Located")
	case cases.StatusDetained:
		return lang.X("status.detained", "Detained")
	case cases.StatusHospitalised:
		return lang.X("status.hospitalised", "Hospitalised")
	case cases.StatusDeceased:
		return lang.X("status.deceased", "Deceased")
	case cases.StatusReturned:
		return lang.X("status.returned", "Returned")
	case cases.StatusClosed:
		return lang.X("status.closed", "Closed")
	}
	return string(s)
}

// statusImportance colours a status in the case list.
func statusImportance(s cases.Status) widget.Importance {
	switch s {
	case cases.StatusContactLost:
		return widget.DangerImportance
	case cases.StatusHospitalised, cases.StatusDetained:
		return widget.WarningImportance
	case cases.StatusLocated, cases.StatusReturned:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

// activeStatus reports whether a case's silence still needs watching: for
// a person located, returned, dead or a closed case it does not.
func activeStatus(s cases.Status) bool {
	switch s {
	case cases.StatusLocated, cases.StatusReturned, cases.StatusDeceased, cases.StatusClosed:
		return false
	}
	return true
}

// setNote sets a label's text and hides it while empty, so that empty
// messages take no room.
func setNote(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// verificationLabel is a verification level in the user's language.
func verificationLabel(v cases.Verification) string {
	switch v {
	case cases.VerificationUnverified:
		return lang.X("verification.unverified", "Unverified")
	case cases.VerificationCorroborated:
		return lang.X("verification.corroborated", "Corroborated")
	case cases.VerificationConfirmed:
		return lang.X("verification.confirmed", "Confirmed")
	case cases.VerificationDisputed:
		return lang.X("verification.disputed", "Disputed")
	}
	return string(v)
}
