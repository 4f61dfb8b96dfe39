// Package fingerprinttest checks that a key covers every field of the type
// it is made from. Only tests import it.
package fingerprinttest

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// Covers changes each field of base in turn (strings, numbers, booleans,
// times, slices, maps and nil pointers, inside nested structs too) and
// fails t for every field whose change leaves key's result as it is for
// base, unless the field's dotted path ("Limits.MaxTitle") is in exempt:
// the fields the key leaves out on purpose. An exempt path that names no
// field fails t too, so the list cannot go stale. A field added to the
// type later fails the test until the key covers it or it is exempted.
func Covers[T any, K comparable](t testing.TB, base T, key func(T) K, exempt ...string) {
	t.Helper()
	want := key(base)
	seen := map[string]bool{}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		typ := v.Type()
		for i := range typ.NumField() {
			f := typ.Field(i)
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			field := v.Field(i)
			if !field.CanSet() {
				// An unexported field: set it through its address.
				field = reflect.NewAt(field.Type(), field.Addr().UnsafePointer()).Elem()
			}
			if slices.Contains(exempt, p) {
				seen[p] = true
				continue
			}
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]() {
				walk(p, field)
				continue
			}
			old := reflect.New(f.Type).Elem()
			old.Set(field)
			if !change(field) {
				t.Errorf("%s: cannot change a %s field; exempt it or cover it by hand", p, f.Type)
				continue
			}
			if key(base) == want {
				t.Errorf("the key does not cover %s: changing it leaves the key as it is", p)
			}
			field.Set(old)
		}
	}
	walk("", reflect.ValueOf(&base).Elem())
	for _, p := range exempt {
		if !seen[p] {
			t.Errorf("exempt field %s is no field of %T", p, base)
		}
	}
}

// change sets v, a settable field, to another value; false when its kind
// is not one Covers knows how to change.
func change(v reflect.Value) bool {
	if v.Type() == reflect.TypeFor[time.Time]() {
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour + time.Nanosecond)))
		return true
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1.5)
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			m.SetMapIndex(k, v.MapIndex(k))
		}
		k := reflect.New(v.Type().Key()).Elem()
		if v.Len() > 0 && m.MapIndex(k).IsValid() {
			return false
		}
		m.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
		v.Set(m)
	case reflect.Pointer:
		if !v.IsNil() {
			return false
		}
		v.Set(reflect.New(v.Type().Elem()))
	default:
		return false
	}
	return true
}
