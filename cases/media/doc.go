// Package media recognises the files relatives send and removes location
// data from photos before they are stored.
//
// Its contract, in two functions:
//
//   - DetectMediaType names a file's content type from its first bytes
//     (falling back to its extension); IsImage and IsText classify it.
//   - StripLocation wraps a reader so that a JPEG, PNG or WebP image comes
//     out without its Exif, XMP, GPS or content-credential chunks, the
//     picture's own bytes unchanged; every other format passes through.
//     A damaged image fails with a DamagedImageError (ErrBadJPEG,
//     ErrBadPNG, ErrBadWebP) rather than being passed on as "stripped".
//
// Everything here is a pure function over readers and byte slices: no
// storage, no crypto, no GUI, so each parser is fuzzed on its own.
package media
