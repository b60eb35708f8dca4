package crypto

import (
	"fmt"
	"strings"
)

// A recovery key is 32 random bytes printed for people to write down or
// print and type back years later:
//
//	52 Crockford base32 characters: the 256 key bits, then 4 zero bits
//	 4 Crockford base32 characters: CRC-20 of the 32 key bytes (the checksum group)
//
// shown as 14 groups of 4 joined by "-", e.g. "7ZK3-Q0P8-…-M4TD". Crockford's
// alphabet leaves out I, L, O and U; on input, case, spaces, tabs, line
// breaks and dashes are ignored, O reads as 0 and I and L read as 1.
//
// The checksum is a CRC (generator x^20 + x^3 + 1) rather than a truncated
// hash because a CRC of degree 20 is guaranteed to detect every error burst
// of up to 20 bits: every single mistyped character and every swap of two
// neighbouring characters within the key part is caught, before any key is
// tried. The key itself has 256 bits of entropy, so the slot needs no slow
// KDF; see recoveryKEK.
const (
	recoveryKeyBytes   = 32
	recoveryDataChars  = 52 // ceil(256/5)
	recoveryCheckChars = 4  // 20 bits
	recoveryChars      = recoveryDataChars + recoveryCheckChars
	recoveryGroup      = 4
	crockfordAlphabet  = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	crc20Poly          = 0x00009 // x^20 + x^3 + 1, top bit implicit
	crc20Mask          = 1<<20 - 1
)

// crc20 is a plain MSB-first CRC with initial value 0 and no final XOR.
func crc20(data []byte) uint32 {
	var crc uint32
	for _, b := range data {
		for i := 7; i >= 0; i-- {
			bit := uint32(b>>uint(i)) & 1
			top := (crc >> 19) & 1
			crc = (crc << 1) & crc20Mask
			if top^bit == 1 {
				crc ^= crc20Poly
			}
		}
	}
	return crc
}

// formatRecoveryKey encodes 32 key bytes in the printed form.
func formatRecoveryKey(key []byte) string {
	if len(key) != recoveryKeyBytes {
		panic("crypto: recovery key must be 32 bytes")
	}
	chars := make([]byte, 0, recoveryChars)
	// Base32 of the key, MSB first, with the last group padded by zero bits.
	var acc uint32
	var bits uint
	for _, b := range key {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			chars = append(chars, crockfordAlphabet[(acc>>bits)&31])
		}
	}
	if bits > 0 {
		chars = append(chars, crockfordAlphabet[(acc<<(5-bits))&31])
	}
	sum := crc20(key)
	for shift := 15; shift >= 0; shift -= 5 {
		chars = append(chars, crockfordAlphabet[(sum>>uint(shift))&31])
	}
	var sb strings.Builder
	for i := 0; i < len(chars); i += recoveryGroup {
		if i > 0 {
			sb.WriteByte('-')
		}
		sb.Write(chars[i : i+recoveryGroup])
	}
	Wipe(chars)
	return sb.String()
}

// crockfordValue maps an upper-case input character to its 5-bit value.
func crockfordValue(c byte) (uint32, bool) {
	switch c {
	case 'O':
		c = '0'
	case 'I', 'L':
		c = '1'
	}
	i := strings.IndexByte(crockfordAlphabet, c)
	if i < 0 {
		return 0, false
	}
	return uint32(i), true
}

// parseRecoveryKey decodes a typed recovery key. Any error wraps
// ErrWrongPassphrase and says nothing about which character was wrong.
func parseRecoveryKey(text []byte) ([]byte, error) {
	vals := make([]byte, 0, recoveryChars)
	defer Wipe(vals)
	for _, c := range text {
		switch c {
		case ' ', '-', '\t', '\r', '\n':
			continue
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		v, ok := crockfordValue(c)
		if !ok || len(vals) == recoveryChars {
			return nil, fmt.Errorf("crypto: recovery key is not in the printed format: %w", ErrWrongPassphrase)
		}
		vals = append(vals, byte(v))
	}
	if len(vals) != recoveryChars {
		return nil, fmt.Errorf("crypto: recovery key has the wrong length: %w", ErrWrongPassphrase)
	}
	key := make([]byte, 0, recoveryKeyBytes)
	var acc uint32
	var bits uint
	for _, v := range vals[:recoveryDataChars] {
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			key = append(key, byte(acc>>bits))
		}
	}
	// 52*5 = 260 bits: 4 bits remain and must be the zero padding.
	pad := acc & (1<<bits - 1)
	var sum uint32
	for _, v := range vals[recoveryDataChars:] {
		sum = sum<<5 | uint32(v)
	}
	if pad != 0 || sum != crc20(key) {
		Wipe(key)
		return nil, fmt.Errorf("crypto: recovery key checksum does not match (typing mistake?): %w", ErrWrongPassphrase)
	}
	return key, nil
}
