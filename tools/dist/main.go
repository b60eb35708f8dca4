// Command dist is the part of `make dist` that shell tools do not do
// reproducibly: a zip whose bytes depend only on the files and one
// timestamp, and PNG icons scaled from assets/icon.png.
//
//	go run ./tools/dist zip -epoch SECONDS -o OUT.zip DIR
//	go run ./tools/dist icon -size 256 -o OUT.png IN.png
//
// zip stores DIR itself as the archive's top folder, entries in byte order
// of their names, every entry dated at -epoch (UTC), mode 0755 for folders
// and executable files and 0644 for the rest, deflated.
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"

	"golang.org/x/image/draw"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "zip":
		err = zipCmd(os.Args[2:])
	case "icon":
		err = iconCmd(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: dist zip -epoch SECONDS -o OUT.zip DIR | icon -size N -o OUT.png IN.png")
	os.Exit(2)
}

func zipCmd(args []string) error {
	fl := flag.NewFlagSet("zip", flag.ExitOnError)
	epoch := fl.Int64("epoch", -1, "timestamp of every entry, seconds since 1970 (SOURCE_DATE_EPOCH)")
	out := fl.String("o", "", "the zip file to write")
	fl.Parse(args)
	if *epoch < 0 || *out == "" || fl.NArg() != 1 {
		return fmt.Errorf("zip needs -epoch, -o and one folder")
	}
	// The zip format dates files in MS-DOS time, which starts in 1980.
	mtime := time.Unix(*epoch, 0).UTC()
	if mtime.Year() < 1980 {
		mtime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	root := filepath.Clean(fl.Arg(0))
	top := filepath.Base(root)

	type entry struct {
		name string // slash-separated, under top
		path string
		dir  bool
		exec bool
	}
	var entries []entry
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		name := top
		if rel != "." {
			name = path.Join(top, filepath.ToSlash(rel))
		}
		switch {
		case d.IsDir():
			entries = append(entries, entry{name: name + "/", path: p, dir: true})
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			entries = append(entries, entry{name: name, path: p, exec: info.Mode()&0o100 != 0})
		default:
			return fmt.Errorf("%s: only folders and regular files go into a release zip", p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })

	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	zw := zip.NewWriter(f)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Modified: mtime}
		switch {
		case e.dir:
			h.SetMode(fs.ModeDir | 0o755)
		case e.exec:
			h.SetMode(0o755)
			h.Method = zip.Deflate
		default:
			h.SetMode(0o644)
			h.Method = zip.Deflate
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if e.dir {
			continue
		}
		src, err := os.Open(e.path)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, src)
		src.Close()
		if err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, *out)
}

func iconCmd(args []string) error {
	fl := flag.NewFlagSet("icon", flag.ExitOnError)
	size := fl.Int("size", 0, "width and height in pixels")
	out := fl.String("o", "", "the PNG to write")
	fl.Parse(args)
	if *size <= 0 || *out == "" || fl.NArg() != 1 {
		return fmt.Errorf("icon needs -size, -o and one PNG")
	}
	in, err := os.Open(fl.Arg(0))
	if err != nil {
		return err
	}
	defer in.Close()
	src, err := png.Decode(in)
	if err != nil {
		return err
	}
	dst := image.NewNRGBA(image.Rect(0, 0, *size, *size))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, dst); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
