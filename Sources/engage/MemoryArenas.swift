#if os(Linux)
import CMalloc
import Glibc
#endif

/// glibc's allocator, tuned for a server whose threads hand work to one another.
///
/// - Arenas: glibc gives threads arenas of their own, up to eight per core, and each keeps the memory
///   its threads freed. The server's threads (event loops, Swift's cooperative pool, GRDB's reader
///   queues) hand work to one another, so most of that memory sat idle in arenas it was not freed to:
///   two arenas took the bench's peak RSS from 102 MB to 92 MB at the same throughput.
/// - Trimming: by default glibc gives the top of a heap back to the kernel once 128 KB of it is free,
///   and it moves that line with the largest block freed. Under registrations the writer's heap grew
///   and shrank by about 170 KB over and over: `brk` and the page faults that refill the memory were
///   11 % of the writer's samples. Blocks under 1 MB now always come from the heap, and its top goes
///   back only once 2 MB are free (at most 2 MB kept per arena): CPU per registration 0.95, 0.91,
///   0.79× in three A/B pairs.
///
/// See `docs/performance.md` (2026-12-03). `MALLOC_ARENA_MAX`, `MALLOC_TRIM_THRESHOLD_` and
/// `MALLOC_MMAP_THRESHOLD_` in the environment still win.
enum MemoryArenas {
    static let limit: Int32 = 2
    static let trimThreshold: Int32 = 2 << 20
    static let mmapThreshold: Int32 = 1 << 20

    static func restrict() {
#if os(Linux)
        if getenv("MALLOC_ARENA_MAX") == nil { _ = mallopt(M_ARENA_MAX, limit) }
        if getenv("MALLOC_TRIM_THRESHOLD_") == nil { _ = mallopt(M_TRIM_THRESHOLD, trimThreshold) }
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold) }
#endif
    }
}
