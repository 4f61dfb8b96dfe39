package watch

import "fmt"

// The watcher never prints an Op or a Change; tests do, in their failure
// messages.

// String returns the upper-case name of the operation.
func (op Op) String() string {
	switch op {
	case Create:
		return "CREATE"
	case Write:
		return "WRITE"
	case Remove:
		return "REMOVE"
	case Rescan:
		return "RESCAN"
	case opChmod:
		return "CHMOD"
	}
	return fmt.Sprintf("Op(%d)", uint8(op))
}

// String prints "OP path".
func (c Change) String() string { return c.Op.String() + " " + c.Path }
