package app

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fileChooser is Kintrace's file dialog. Fyne 2.7's own picks one file at a
// time, names its places ("Home", "Computer") in English whatever the
// language, ignores a full path typed as the file name, and stores every
// folder it shows in the plaintext preferences. This one
//   - picks several files at once where the button says "files" (a check
//     box on each file);
//   - takes a folder or a full path typed in its path bar or, when saving,
//     in the name field, and Enter saves there or says why not;
//   - speaks the app's language;
//   - remembers the last folder only in memory.
type fileChooser struct {
	mode     chooserMode
	win      fyne.Window
	dir      string
	entries  []fs.DirEntry
	ticked   map[string]bool // chooseMany: file names ticked in dir
	chosen   string          // chooseOne: the file name picked in dir
	onChosen func(paths []string)

	path    *widget.Entry // the folder shown; type a path and Enter
	up      *widget.Button
	places  *widget.List
	list    *widget.List
	hidden  *widget.Check
	name    *widget.Entry // chooseSave: the file's name, or a full path
	status  *widget.Label // why the last choice was refused
	empty   *widget.Label
	confirm *widget.Button
	dialog  *dialog.CustomDialog
	content *fyne.Container // re-laid out when the status line comes or goes
	place   []chooserPlace
}

type chooserMode int

const (
	chooseOne chooserMode = iota
	chooseMany
	chooseSave
)

type chooserPlace struct {
	label string
	icon  fyne.Resource
	dir   string
}

// chooserStart is the folder the first file dialog opens in: the user's
// home, or in portable mode the real one (set by Run). chooserLast is the
// last folder a dialog was left in, kept in memory; chooserRemember, when
// set, keeps the folder a file was chosen in for the unlocked vault (sealed
// in it with the desk's settings, never in preferences), which sets
// chooserLast again at its next unlock.
var (
	chooserStart, chooserLast string
	chooserRemember           func(dir string)
)

// newOpenFile asks for one existing file.
func newOpenFile(win fyne.Window, onChosen func(path string)) *fileChooser {
	return newFileChooser(win, chooseOne, "", func(p []string) { onChosen(p[0]) })
}

// newOpenFiles asks for one or more existing files.
func newOpenFiles(win fyne.Window, onChosen func(paths []string)) *fileChooser {
	return newFileChooser(win, chooseMany, "", onChosen)
}

// newSaveFile asks where to save a file, suggesting name.
func newSaveFile(win fyne.Window, name string, onChosen func(path string)) *fileChooser {
	return newFileChooser(win, chooseSave, name, func(p []string) { onChosen(p[0]) })
}

func newFileChooser(win fyne.Window, mode chooserMode, name string, onChosen func([]string)) *fileChooser {
	c := &fileChooser{mode: mode, win: win, onChosen: onChosen, ticked: map[string]bool{}}
	c.path = widget.NewEntry()
	c.path.SetPlaceHolder(lang.L("look.file.path_hint"))
	c.path.OnSubmitted = c.typedPath
	c.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { c.open(filepath.Dir(c.dir)) })
	c.hidden = widget.NewCheck(lang.L("look.file.hidden"), func(bool) { c.open(c.dir) })
	c.status = widget.NewLabel("")
	c.status.Importance = widget.DangerImportance
	c.status.Wrapping = fyne.TextWrapWord
	c.status.Hide()
	c.empty = widget.NewLabel(lang.L("look.file.empty"))
	c.empty.Importance = widget.LowImportance
	c.empty.Hide()
	c.place = chooserPlaces()
	c.places = widget.NewList(func() int { return len(c.place) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(c.place[id].icon)
			row.Objects[1].(*widget.Label).SetText(c.place[id].label)
		})
	c.places.OnSelected = func(id widget.ListItemID) {
		c.places.UnselectAll()
		c.open(c.place[id].dir)
	}
	c.list = widget.NewList(func() int { return len(c.entries) }, c.newRow, c.updateRow)
	c.list.OnSelected = c.tapped

	title, button := lang.L("look.file.title_open"), lang.L("look.file.open")
	switch mode {
	case chooseMany:
		title, button = lang.L("look.file.title_open_many"), lang.L("look.file.add")
	case chooseSave:
		title, button = lang.L("look.file.title_save"), lang.L("look.file.save")
		c.name = widget.NewEntry()
		c.name.SetText(name)
		c.name.OnSubmitted = func(string) { c.submit() }
	}
	c.confirm = widget.NewButtonWithIcon(button, theme.ConfirmIcon(), c.submit)
	c.confirm.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("look.file.cancel"), theme.CancelIcon(), func() { c.dialog.Hide() })

	top := container.NewBorder(nil, nil, c.up, nil, c.path)
	bottom := container.NewVBox(c.status)
	if c.name != nil {
		bottom.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.L("look.file.name")), nil, c.name))
	}
	bottom.Add(c.hidden)
	files := container.NewStack(c.list, container.NewCenter(c.empty))
	body := container.NewHSplit(c.places, files)
	body.SetOffset(0.25)
	c.content = container.NewBorder(top, bottom, nil, nil, body)
	c.dialog = dialog.NewCustomWithoutButtons(title, c.content, win)
	c.dialog.SetButtons([]fyne.CanvasObject{cancel, c.confirm})
	c.dialog.Resize(chooserSize(win))

	start := cmp.Or(chooserLast, chooserStart)
	if start == "" {
		start, _ = os.UserHomeDir()
	}
	c.open(start)
	c.updateConfirm()
	return c
}

// chooserSize is a roomy dialog that still fits in the window.
func chooserSize(win fyne.Window) fyne.Size {
	s := win.Canvas().Size()
	return fyne.NewSize(min(860, s.Width-40), min(600, s.Height-40))
}

// chooserPlaces are the start folders on the left: home and the usual
// folders in it that exist, and the root of the home's volume.
func chooserPlaces() []chooserPlace {
	home := cmp.Or(chooserStart, func() string { h, _ := os.UserHomeDir(); return h }())
	var ps []chooserPlace
	if home != "" {
		ps = append(ps, chooserPlace{lang.L("look.file.home"), theme.HomeIcon(), home})
		for _, p := range []struct{ dir, key string }{
			{"Desktop", "look.file.desktop"}, {"Documents", "look.file.documents"}, {"Downloads", "look.file.downloads"},
		} {
			if st, err := os.Stat(filepath.Join(home, p.dir)); err == nil && st.IsDir() {
				ps = append(ps, chooserPlace{lang.L(p.key), theme.FolderIcon(), filepath.Join(home, p.dir)})
			}
		}
	}
	root := string(filepath.Separator)
	if v := filepath.VolumeName(home); v != "" {
		root = v + root
	}
	return append(ps, chooserPlace{lang.L("look.file.computer"), theme.ComputerIcon(), root})
}

func (c *fileChooser) newRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	if c.mode != chooseMany {
		check.Hide()
	}
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewHBox(check, widget.NewIcon(theme.FileIcon())), nil, label)
}

func (c *fileChooser) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	e := c.entries[id]
	row := o.(*fyne.Container)
	label := row.Objects[0].(*widget.Label)
	left := row.Objects[1].(*fyne.Container)
	check, icon := left.Objects[0].(*widget.Check), left.Objects[1].(*widget.Icon)
	label.SetText(e.Name())
	label.TextStyle.Bold = c.mode != chooseMany && e.Name() == c.chosen
	label.Refresh()
	if e.IsDir() {
		icon.SetResource(theme.FolderIcon())
		check.Hide()
		return
	}
	icon.SetResource(theme.FileIcon())
	if c.mode == chooseMany {
		check.OnChanged = nil
		check.SetChecked(c.ticked[e.Name()])
		name := e.Name()
		check.OnChanged = func(on bool) { c.tick(name, on) }
		check.Show()
	}
}

// tapped opens a folder, or picks (ticks) a file.
func (c *fileChooser) tapped(id widget.ListItemID) {
	c.list.UnselectAll()
	if id < 0 || id >= len(c.entries) {
		return
	}
	e := c.entries[id]
	switch {
	case e.IsDir():
		c.open(filepath.Join(c.dir, e.Name()))
	case c.mode == chooseMany:
		c.tick(e.Name(), !c.ticked[e.Name()])
		c.list.RefreshItem(id)
	default:
		c.chosen = e.Name()
		if c.name != nil {
			c.name.SetText(e.Name())
		}
		c.list.Refresh()
		c.updateConfirm()
	}
}

func (c *fileChooser) tick(name string, on bool) {
	if on {
		c.ticked[name] = true
	} else {
		delete(c.ticked, name)
	}
	c.updateConfirm()
}

// updateConfirm names what the button will do.
func (c *fileChooser) updateConfirm() {
	if c.mode == chooseMany {
		c.confirm.SetText(lang.X("look.file.add_n", "Add files: {{.N}}", map[string]any{"N": len(c.ticked)}))
	}
}

// open shows dir; a folder that cannot be read leaves the view as it was
// and says so.
func (c *fileChooser) open(dir string) {
	list, err := os.ReadDir(dir)
	if err != nil {
		c.fail(lang.L("look.file.unreadable"))
		return
	}
	list = slices.DeleteFunc(list, func(e fs.DirEntry) bool {
		return !c.hidden.Checked && strings.HasPrefix(e.Name(), ".")
	})
	slices.SortFunc(list, func(a, b fs.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return cmp.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	})
	if dir != c.dir {
		clear(c.ticked)
		c.chosen = ""
	}
	c.dir, c.entries = dir, list
	chooserLast = dir
	c.path.SetText(dir)
	c.up.Enable()
	if filepath.Dir(dir) == dir {
		c.up.Disable()
	}
	c.empty.Hidden = len(list) > 0
	c.empty.Refresh()
	c.setStatus("")
	c.list.ScrollToTop()
	c.list.Refresh()
	c.updateConfirm()
}

func (c *fileChooser) fail(msg string) { c.setStatus(msg) }

// setStatus shows msg above the name field, or nothing for "".
func (c *fileChooser) setStatus(msg string) {
	if msg == c.status.Text && (msg != "") == c.status.Visible() {
		return
	}
	c.status.SetText(msg)
	c.status.Hidden = msg == ""
	if c.content != nil {
		c.content.Refresh()
	}
}

// resolve makes typed a path: absolute as typed (a leading ~ is home),
// else inside the folder shown.
func (c *fileChooser) resolve(typed string) string {
	typed = strings.TrimSpace(typed)
	if rest, ok := strings.CutPrefix(typed, "~"); ok && (rest == "" || rest[0] == '/' || rest[0] == filepath.Separator) {
		if home, err := os.UserHomeDir(); err == nil {
			typed = home + rest
		}
	}
	if filepath.IsAbs(typed) {
		return filepath.Clean(typed)
	}
	return filepath.Join(c.dir, typed)
}

// typedPath handles Enter in the path bar: a folder opens; a file is
// chosen (or, when saving, becomes the name to save under).
func (c *fileChooser) typedPath(typed string) {
	p := c.resolve(typed)
	st, err := os.Stat(p)
	switch {
	case err == nil && st.IsDir():
		c.open(p)
	case c.mode == chooseSave:
		c.name.SetText(p)
		c.submit()
	case err != nil:
		c.fail(lang.X("look.file.not_found", "There is no file or folder {{.Path}}.", map[string]any{"Path": p}))
	default:
		c.finish([]string{p})
	}
}

// submit is the confirm button and Enter in the name field.
func (c *fileChooser) submit() {
	switch c.mode {
	case chooseMany:
		var paths []string
		for _, e := range c.entries {
			if c.ticked[e.Name()] {
				paths = append(paths, filepath.Join(c.dir, e.Name()))
			}
		}
		if len(paths) == 0 {
			c.fail(lang.L("look.file.tick_some"))
			return
		}
		c.finish(paths)
	case chooseOne:
		if c.chosen == "" {
			c.fail(lang.L("look.file.choose_one"))
			return
		}
		c.finish([]string{filepath.Join(c.dir, c.chosen)})
	case chooseSave:
		c.save()
	}
}

// save checks the name typed (or the full path) and saves there, asking
// first before replacing a file.
func (c *fileChooser) save() {
	typed := strings.TrimSpace(c.name.Text)
	if typed == "" {
		c.fail(lang.L("look.file.no_name"))
		return
	}
	p := c.resolve(typed)
	if strings.HasSuffix(typed, "/") || strings.HasSuffix(typed, string(filepath.Separator)) {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			c.open(p)
			c.fail(lang.L("look.file.no_name"))
			return
		}
	}
	parent := filepath.Dir(p)
	if st, err := os.Stat(parent); err != nil || !st.IsDir() {
		c.fail(lang.X("look.file.no_folder", "There is no folder {{.Folder}}.", map[string]any{"Folder": parent}))
		return
	}
	st, err := os.Stat(p)
	switch {
	case err == nil && st.IsDir():
		c.open(p) // a folder typed as the name: go into it
		c.name.SetText("")
		c.fail(lang.L("look.file.no_name"))
	case err == nil:
		dialog.ShowConfirm(lang.L("look.file.replace_title"),
			lang.X("look.file.replace_question", "{{.Name}} already exists. Replace it?", map[string]any{"Name": filepath.Base(p)}),
			func(ok bool) {
				if ok {
					c.finish([]string{p})
				}
			}, c.win)
	case errors.Is(err, fs.ErrNotExist):
		c.finish([]string{p})
	default:
		c.fail(lang.L("look.file.unreadable"))
	}
}

// show shows the dialog through the host (so that locking closes it) with
// the name field, when saving, ready for typing.
func (c *fileChooser) show(h Host) {
	showHostDialog(h, c.dialog, nil)
	c.focus()
}

// focus puts the keyboard in the name field when saving; call it once the
// dialog is shown.
func (c *fileChooser) focus() {
	if c.name != nil {
		c.win.Canvas().Focus(c.name)
	}
}

func (c *fileChooser) finish(paths []string) {
	if chooserRemember != nil && c.dir != "" {
		chooserRemember(c.dir)
	}
	c.dialog.Hide()
	c.onChosen(paths)
}
