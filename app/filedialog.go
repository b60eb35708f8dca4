package app

import "fyne.io/fyne/v2"

// fileDialogFolderKey is the preference under which Fyne's file dialog
// (fyne.io/fyne/v2/dialog/file.go, lastFolderKey) stores every folder it
// shows. Preferences are a plaintext file, and a folder's name can say
// whose case it holds ("Lebedev family evidence"), so Kintrace removes the
// key whenever a file dialog closes and at start.
const fileDialogFolderKey = "fyne:fileDialogLastFolder"

// forgetFileDialogFolder removes the folder Fyne's file dialog remembered.
func forgetFileDialogFolder(a fyne.App) {
	a.Preferences().RemoveValue(fileDialogFolderKey)
}
