package app

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// tourChatExport is an invented WhatsApp export (an Android phone set to
// Russian) for the screenshot tour's chat import scene.
const tourChatExport = `12.07.22, 09:14 - Сообщения и звонки защищены сквозным шифрованием. Никто вне этого чата, даже WhatsApp, не может прочитать или прослушать их. Нажмите, чтобы узнать больше.
12.07.22, 09:15 - Ольга: Добрый день. Сергей не выходит на связь с 3 июля.
12.07.22, 09:16 - Ольга: Последний раз звонил из колонии,
сказал что их везут в Ростов.
13.07.22, 18:40 - +7 999 000-12-34: Мама, это я, новый номер. Всё хорошо, пришли копию паспорта.
13.07.22, 18:41 - +7 999 000-12-34: <Без медиафайлов>
14.07.22, 10:05 - Марина (фонд): Ольга, не пересылайте паспорт. Пришлите, пожалуйста, скриншот.
`

// tourChat is the screenshot tour's scene for importing a chat export
// into a case: the choice of messages with its preview.
func tourChat(u *UI, code string, shot func(name string) error) error {
	if openEditor == nil {
		return nil
	}
	dir, err := os.MkdirTemp("", "kintrace-tour-chat-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "WhatsApp Chat with Ольга.txt")
	if err := os.WriteFile(path, []byte(tourChatExport), 0o600); err != nil {
		return err
	}
	var ed *editorScreen
	fyne.DoAndWait(func() {
		u.showDesk()
		if len(u.desk.results) > 0 {
			u.openCase(u.desk.results[0].ID)
		}
		ed, _ = u.screen.(*editorScreen)
	})
	if ed == nil {
		return fmt.Errorf("app: tour: no case to import a chat into")
	}
	fyne.DoAndWait(func() { ed.openChatExport(path) })
	u.work.Wait()
	fyne.DoAndWait(func() {})
	if ed.chatImport == nil {
		return fmt.Errorf("app: tour: the chat export was not read")
	}
	if err := shot("chat-import-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() {
		ed.chatImport.dialog.Hide()
		u.showDesk()
	})
	return nil
}

// tourSheetCSV is an invented list of cases as a group keeps it in a
// spreadsheet, for the tour's spreadsheet import scene.
const tourSheetCSV = "№;ФИО;Дата рождения;Колония;Регион;Статус;Дата последней связи;Телефон родственника;Примечание\r\n" +
	"1;Морозов Андрей Викторович;12.03.1986;ИК-17;Мордовия;нет связи;02.08.2022;+7 912 555-77-01;мать, звонить вечером\r\n" +
	"2;КОВАЛЬЧУК Д.О.;31.02.1990;ИК-2;Чувашия;на связи;август 2022;8 (999) 555-36-08;\r\n" +
	"3;Белов Роман;1979;;;пропал без вести;;;со слов сестры\r\n"

// tourSheet is the screenshot tour's scene for importing a spreadsheet:
// the guessed column mapping and the check of the rows.
func tourSheet(u *UI, code string, shot func(name string) error) error {
	dir, err := os.MkdirTemp("", "kintrace-tour-sheet-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "список.csv")
	if err := os.WriteFile(path, []byte(tourSheetCSV), 0o600); err != nil {
		return err
	}
	fyne.DoAndWait(func() {
		u.showDesk()
		lastSheetImport = nil
		openSheet(u, path)
	})
	v := lastSheetImport
	if v == nil {
		return fmt.Errorf("app: tour: the spreadsheet was not read")
	}
	fyne.DoAndWait(v.runPreview)
	<-v.work
	fyne.DoAndWait(func() {})
	if err := shot("sheet-import-" + code); err != nil {
		return err
	}
	fyne.DoAndWait(func() { v.dialog.Hide() })
	return nil
}
