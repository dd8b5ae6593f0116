package main

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// parseMO reads a GNU gettext .mo catalogue into msgid → msgstr.
func parseMO(b []byte) (map[string]string, error) {
	if len(b) < 28 {
		return nil, errors.New("mo file too short")
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		bo = binary.LittleEndian
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, errors.New("not a mo file")
	}
	n := int(bo.Uint32(b[8:]))
	orig, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(table, i int) (string, error) {
		off := table + 8*i
		if off+8 > len(b) {
			return "", fmt.Errorf("string %d: table past end", i)
		}
		l, p := int(bo.Uint32(b[off:])), int(bo.Uint32(b[off+4:]))
		if p+l > len(b) {
			return "", fmt.Errorf("string %d: past end", i)
		}
		return string(b[p : p+l]), nil
	}
	out := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k, err := str(orig, i)
		if err != nil {
			return nil, err
		}
		v, err := str(trans, i)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}
