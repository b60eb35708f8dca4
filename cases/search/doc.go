// Package search finds cases as people type: the folding that makes
// spellings meet and the in-memory index over case overviews.
//
// Fold is the one normalisation: lower case, ё=е, і/ї/ы/и alike, Cyrillic
// transliterated to Latin, punctuation to spaces, so that "Ёжиков",
// "Ежиков" and "Yozhikov" fold to the same words. Index keeps the
// overviews of the unlocked vault (never details), with word, byte and
// byte-pair sets for search-as-you-type, facet counts and the list orders;
// Search and Count answer a Query. Put and Remove keep it current on each
// save; PutAll, or Prepare and PutBatch, fill it in bulk (unlock, import),
// and Check holds the bulk paths to building exactly what Put builds.
//
// An Index is safe for concurrent use. Nothing here touches storage,
// crypto or the GUI: the vault owns an Index and feeds it.
package search
