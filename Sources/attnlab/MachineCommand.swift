// `attnlab machine`: this machine's roofline, measured in-process in a second or two: the FMA peak
// (per core and on the threads asked for) and the streaming (triad) bandwidth (LabCore/Roofline.swift).
import ArgumentParser
import Foundation
import LabCore
import LabHarness

struct MachineCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "machine",
        abstract: "Measure the FMA peak and the streaming bandwidth of this machine (the roofline).",
        discussion: """
            FMA peak: 16 independent chains of 16-lane (AVX-512) or 8-lane (AVX2) fused multiply-adds \
            per thread, 2 FLOPs per lane, best of 30 rounds of about 1 ms, on 1 thread and on --threads threads at \
            once. Bandwidth: the STREAM triad a = b + s·c over three 64 MiB arrays, 12 bytes per \
            element, best of 10 passes, on 1 and on --threads threads. `kernels bench` and `model bench` \
            measure the same in their own process and report their rows as fractions of it. Build in \
            release: a debug build measures far less than the machine can do.
            """)
    @Option(help: "Threads for the all-threads figures (default and most: the cores this process may use).") var threads: Int?
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let n = threads ?? Parallel.availableCores
        try reportingErrors {
            try checkFlag("--threads", n, StudyLimits.threads)
        }
        let r = Roofline.measure(threads: n)
        if json {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            print(String(decoding: try e.encode(r), as: UTF8.self))
            return
        }
        // one column per thread count measured (one when --threads is 1)
        let all = r.threads > 1
        print(TextTable.render([
            ["", "1 thread"] + (all ? ["\(r.threads) threads"] : []),
            ["FMA peak GFLOP/s", String(format: "%.1f", r.peakFlopsPerCore / 1e9)] + (all ? [String(format: "%.1f", r.peakFlops / 1e9)] : []),
            ["triad GB/s", String(format: "%.1f", r.bandwidthPerCore / 1e9)] + (all ? [String(format: "%.1f", r.bandwidth / 1e9)] : []),
        ]))
        print("FMA chains: \(r.fmaChains) per thread, \(r.isa) (\(r.isa == "avx512" ? 16 : 8) lanes); CPU \(Machine.cpuModel), \(Machine.cores) cores; build \(buildConfiguration)")
    }
}
