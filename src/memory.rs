//! Giving memory freed by a burst of work back to the system.
//!
//! Loading parses on every core, and each thread's allocator arena keeps
//! the pages its parse freed (the file's bytes, the lines, the paragraphs
//! before they settle) for reuse that never comes: measured on the scale
//! corpus at 1×, the reader held 17 MB of such pages once its documents and
//! index were in place (`examples/scale --measure`).

/// Returns the free pages the allocator keeps to the system, once the
/// load and the index are done (only glibc keeps them so; elsewhere that
/// part does nothing), and the pages of the document cache's packs that
/// loading and checking read.
pub fn give_back_freed() {
    crate::cache::give_back_read_pages();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: `malloc_trim` takes no pointer and frees nothing in
        // use: it asks glibc's allocator to release pages no allocation
        // holds, and is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
