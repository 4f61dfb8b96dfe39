// Package fingerprint makes the keys by which a build decides that earlier
// work can be reused: a page that need not be rendered again, a body that
// need not be converted again, a recorded result that still holds.
//
// A key is the hash of one byte encoding of the values it covers. Every
// key of a build is made here, with one encoding (each value is written
// with its length or width, so that two different lists of values never
// encode to the same bytes) and one seed per Builder for the keys kept in
// memory (Sum), or SHA-256 for the keys kept on disk, which must mean the
// same to the next process (Stable).
//
// Value encodes a value by reflection, field by field, so that a key made
// with it covers every field of its type, those added later included.
package fingerprint

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
	"sort"
	"time"
)

// Seed is the seed of the in-memory keys of one Builder. Keys made with
// different seeds are never equal by design; the zero Seed is not usable.
type Seed struct{ s maphash.Seed }

// NewSeed returns a random seed.
func NewSeed() Seed { return Seed{maphash.MakeSeed()} }

// Bytes returns the key of b alone, for a file's bytes.
func (s Seed) Bytes(b []byte) uint64 { return maphash.Bytes(s.s, b) }

// String returns the key of v alone.
func (s Seed) String(v string) uint64 { return maphash.String(s.s, v) }

// New returns an empty Hash for seed s.
func (s Seed) New() *Hash { return &Hash{seed: s} }

// Hash collects the encoding of the values a key covers. Its methods
// return the Hash, so that a key reads as one expression.
type Hash struct {
	seed Seed
	buf  []byte
}

// NewStable returns an empty Hash for a key kept on disk (Stable).
func NewStable() *Hash { return &Hash{} }

// Reset empties h, keeping its seed and its buffer.
func (h *Hash) Reset() *Hash { h.buf = h.buf[:0]; return h }

// String adds v.
func (h *Hash) String(v string) *Hash {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(v)))
	h.buf = append(h.buf, v...)
	return h
}

// Bytes adds v.
func (h *Hash) Bytes(v []byte) *Hash {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(v)))
	h.buf = append(h.buf, v...)
	return h
}

// U64 adds v.
func (h *Hash) U64(v uint64) *Hash {
	h.buf = binary.LittleEndian.AppendUint64(h.buf, v)
	return h
}

// Int adds v.
func (h *Hash) Int(v int64) *Hash { return h.U64(uint64(v)) }

// Bool adds v.
func (h *Hash) Bool(v bool) *Hash {
	if v {
		h.buf = append(h.buf, 1)
	} else {
		h.buf = append(h.buf, 0)
	}
	return h
}

// Float adds v.
func (h *Hash) Float(v float64) *Hash { return h.U64(math.Float64bits(v)) }

// Strings adds the list v.
func (h *Hash) Strings(v []string) *Hash {
	h.buf = binary.AppendUvarint(h.buf, uint64(len(v)))
	for _, s := range v {
		h.String(s)
	}
	return h
}

// Value adds v by reflection: each field of a struct (exported or not),
// each element of a slice or array, each entry of a map in key order,
// what a pointer points to (or that it is nil), and strings, numbers,
// booleans and time.Time; an interface by its dynamic type and value. It
// panics on a function or channel that is not nil, which no key can cover:
// that is a mistake in the program, which the key's test shows.
func (h *Hash) Value(v any) *Hash {
	h.value(addressable(reflect.ValueOf(v)))
	return h
}

// addressable returns v, or a copy of it that can be addressed, so that
// unexported fields of v (a time.Time among them) can be read.
func addressable(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

var timeType = reflect.TypeFor[time.Time]()

func (h *Hash) value(v reflect.Value) {
	if !v.IsValid() {
		h.buf = append(h.buf, 0)
		return
	}
	if !v.CanInterface() && v.CanAddr() {
		// An unexported field: read it through its address.
		v = reflect.NewAt(v.Type(), v.Addr().UnsafePointer()).Elem()
	}
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		h.Int(t.UnixNano())
		h.String(t.Location().String())
		return
	}
	switch v.Kind() {
	case reflect.String:
		h.String(v.String())
	case reflect.Bool:
		h.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.Int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.U64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.Float(v.Float())
	case reflect.Struct:
		for i := range v.NumField() {
			h.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.Bytes(v.Bytes())
			return
		}
		h.buf = binary.AppendUvarint(h.buf, uint64(v.Len()))
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		encoded := make([]string, len(keys))
		for i, k := range keys {
			var kh Hash
			kh.value(addressable(k))
			encoded[i] = string(kh.buf)
		}
		order := make([]int, len(keys))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return encoded[order[a]] < encoded[order[b]] })
		h.buf = binary.AppendUvarint(h.buf, uint64(len(keys)))
		for _, i := range order {
			h.buf = append(h.buf, encoded[i]...)
			h.value(addressable(v.MapIndex(keys[i])))
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.buf = append(h.buf, 0)
			return
		}
		h.buf = append(h.buf, 1)
		if v.Kind() == reflect.Interface {
			h.String(v.Elem().Type().String())
		}
		h.value(addressable(v.Elem()))
	default:
		panic(fmt.Sprintf("fingerprint: cannot cover a %s value", v.Type()))
	}
}

// Sum returns the in-memory key of what h holds.
func (h *Hash) Sum() uint64 { return maphash.Bytes(h.seed.s, h.buf) }

// Stable returns the key of what h holds as hex SHA-256: the same in every
// process, for keys kept on disk.
func (h *Hash) Stable() string {
	sum := sha256.Sum256(h.buf)
	return hex.EncodeToString(sum[:])
}
