package chat

import "strings"

// The words WhatsApp writes for its own lines and for media, in the
// languages of the phones the project meets (en, ru, uk).

// systemPhrases mark a line as the app's own (compared lower-cased).
var systemPhrases = []string{
	// The encryption notice.
	"messages and calls are end-to-end encrypted",
	"сообщения и звонки защищены сквозным шифрованием",
	"повідомлення та дзвінки захищені наскрізним шифруванням",
	// A changed number.
	"changed their phone number",
	"changed to +",
	"изменил(-а) свой номер телефона",
	"изменил(а) номер",
	"сменил(-а) номер",
	"змінив(-ла) свій номер телефону",
	"змінив(-ла) номер",
	// Security codes.
	"your security code with",
	"код безопасности",
	"код безпеки",
	// Groups.
	"created group",
	"joined using this group's invite link",
	"создал(-а) группу",
	"створив(-ла) групу",
	"disappearing messages",
	"исчезающие сообщения",
	"зникаючі повідомлення",
}

// isSystemText reports whether text is one of the app's own lines.
func isSystemText(text string) bool {
	l := strings.ToLower(text)
	for _, p := range systemPhrases {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

// attachedWords open an iOS attachment: "<attached: NAME>".
var attachedWords = []string{"attached", "прикреплено", "вложение", "додано", "вкладення"}

// fileAttached close an Android attachment line: "NAME (file attached)".
var fileAttached = []string{" (file attached)", " (файл добавлен)", " (файл прикреплён)", " (файл додано)", " (файл прикріплено)"}

// omitted are the lines of a message whose media were left out of the
// export.
var omitted = []string{"<media omitted>", "<без медиафайлов>", "<медиафайл отсутствует>", "<медіафайли пропущено>", "<без медіафайлів>",
	"image omitted", "video omitted", "audio omitted", "sticker omitted", "document omitted", "gif omitted",
	"изображение отсутствует", "видео отсутствует", "аудио отсутствует", "зображення пропущено", "відео пропущено", "аудіо пропущено"}

// attachmentsIn finds the attachments a message's text names, and whether
// it says its media were omitted.
func attachmentsIn(text string) (names []string, omittedMedia bool) {
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(line, "\u200e"))
		if n, ok := iosAttachment(line); ok {
			names = append(names, n)
			continue
		}
		for _, suf := range fileAttached {
			if n, ok := strings.CutSuffix(line, suf); ok && n != "" && !strings.ContainsAny(n, "/\\") {
				names = append(names, n)
				break
			}
		}
		if !omittedMedia && len(line) < 64 {
			l := strings.ToLower(line)
			for _, o := range omitted {
				if l == o {
					omittedMedia = true
				}
			}
		}
	}
	return names, omittedMedia
}

// iosAttachment reads "<attached: NAME>" anywhere on the line.
func iosAttachment(line string) (string, bool) {
	for {
		i := strings.IndexByte(line, '<')
		if i < 0 {
			return "", false
		}
		line = line[i+1:]
		word, rest, ok := strings.Cut(line, ": ")
		if !ok {
			return "", false
		}
		for _, w := range attachedWords {
			if strings.EqualFold(word, w) {
				if n, _, ok := strings.Cut(rest, ">"); ok && n != "" && !strings.ContainsAny(n, "/\\") {
					return n, true
				}
			}
		}
	}
}
