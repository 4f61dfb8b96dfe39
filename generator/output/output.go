// Package output is the last stage of the pipeline: it writes the rendered
// site to the output folder atomically and incrementally, removes the files
// an earlier build wrote and this one no longer does, and makes the sitemap,
// robots.txt, _redirects and _headers files.
//
// A build streams its files as they are rendered through a Session
// (BeginWith, Put, Keep, Commit), which changes the site in one step at
// Commit: the folder holds the previous site or the new one, never a mix.
// The bookkeeping lives in a state folder outside the output folder (see
// statedir.go): the manifest (ManifestName), the journal (JournalName), the
// commit journal (CommitName) and the build lock (LockName). Once a build
// has ended the output folder holds the site and nothing else; while one
// runs it also holds its temporary files, whose names start with
// ReservedPrefix. Files the generator did not write are never touched, and
// nothing outside the output folder and the state folder is ever written
// or removed, except the folder beside the output folder (NextName) in
// which a session with Options.Exchange assembles the new site.
package output

// Names of the bookkeeping files.
const (
	// ReservedPrefix starts the name of every temporary file in the output
	// folder; no output path may have a segment that starts with it.
	ReservedPrefix = ".rolesite"
	// ManifestName, in the state folder, is the manifest of the files the
	// last build wrote.
	ManifestName = "manifest.json"
	// JournalName, in the state folder, lists, one a line, the paths a
	// running build is about to write. It exists only while a build
	// writes, or after one was killed.
	JournalName = "journal"
	// CommitName, in the state folder, lists the changes of a commit under
	// way: it exists only while a session commits, or after one was killed
	// while it did.
	CommitName = "commit"
	// LockName, in the state folder, is the lock file Lock holds while a
	// build writes.
	LockName = "lock"

	// tempPrefix starts the name of a file staged beside its target, and
	// stagePrefix that of one staged in the output folder itself because
	// its own folder cannot be made before Commit.
	tempPrefix  = ".rolesite-tmp-"
	stagePrefix = ".rolesite-stage-"
)

// File is one output file.
type File struct {
	// Path is slash-separated and relative to the output folder: clean, no
	// leading slash, no "." or ".." or empty segment, no backslash or NUL,
	// and no segment starting with ReservedPrefix.
	Path string
	Data []byte
}

// Stats tells what a Session did.
type Stats struct {
	Written   int      // files created or replaced
	Unchanged int      // files whose bytes were already on disk (kept, or put with the same bytes), left untouched
	Removed   int      // files of an earlier build that this build no longer writes
	Changed   []string // paths written or removed, sorted
	// Added, Updated and Deleted split Changed, each sorted: files written
	// at paths no earlier build wrote, files whose bytes changed, and files
	// of an earlier build removed. Each is empty, never nil, after a
	// commit.
	Added, Updated, Deleted []string
	// Compressed is how many encodings Options.Precompress made (compressed
	// data for): two for each file whose bytes changed, none for a file
	// whose bytes and encodings are as the manifest records them.
	Compressed int
}

// hooks let tests watch and interrupt a session. The zero hooks do nothing.
type hooks struct {
	// afterWrite runs after each file is staged for Commit; an error stops
	// the build there, as a kill would.
	afterWrite func(path string) error
	// onCompare runs when a file is read back to compare its bytes.
	onCompare func(path string)
	// onCompress runs when an encoding is made (Precompress), with its path.
	onCompress func(path string)
}
