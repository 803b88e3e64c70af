/// The process's entry: the allocator's limits first, then the command line (`EngageCommand`).
///
/// glibc reads its arena limit when a thread first allocates: set from `serve`'s `run()`, which runs
/// on one of Swift's pool threads, it came after that thread (and at times a second one) had taken an
/// arena of its own, and the system test counting arenas failed now and then. Here, on the main thread
/// before any other thread exists, every thread is held to it.
@main
enum Main {
    static func main() async {
        MemoryArenas.restrict()
        await EngageCommand.main()
    }
}
