#if os(Linux)
import CMalloc
import Glibc
#endif

/// glibc's allocator gives threads arenas of their own, up to eight per core, and each keeps the memory
/// its threads freed. The server's threads (event loops, Swift's cooperative pool, GRDB's reader
/// queues) hand work to one another, so most of that memory sits idle in arenas it was not freed to:
/// two arenas took the bench's peak RSS from 102 MB to 92 MB at the same throughput
/// (`docs/performance.md`, 2026-12-03). `MALLOC_ARENA_MAX` in the environment still wins.
enum MemoryArenas {
    static let limit: Int32 = 2

    static func restrict() {
#if os(Linux)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = mallopt(M_ARENA_MAX, limit)
#endif
    }
}
