import Foundation

/// The process's entry: the allocator's limits first, then the command line (`EngageCommand`).
///
/// glibc reads its arena limit when a thread first allocates: set from `serve`'s `run()`, which runs
/// on one of Swift's pool threads, it came after that thread (and at times a second one) had taken an
/// arena of its own, and the system test counting arenas failed once in a clean run. Here, on the main thread
/// before any other thread exists, every thread is held to it.
///
/// `TZ` is set here too, for the same reason: `setenv` is safe only while no other thread reads the
/// environment. swift-log's handler stamps every line with C's `localtime`, and glibc looks at
/// `/etc/localtime` again on each call (a `stat`) unless `TZ` names the zone: named by its file, the
/// same zone is read once. A `TZ` the operator set is kept (2 threads, 200,000 request lines: 2.7 → 2.0 s of CPU).
@main
enum Main {
    static func main() async {
        MemoryArenas.restrict()
        setenv("TZ", ":/etc/localtime", 0)
        await EngageCommand.main()
    }
}
