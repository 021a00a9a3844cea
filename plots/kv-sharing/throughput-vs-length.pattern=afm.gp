# kv-sharing: throughput vs context length (afm)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
#
# Written by `attnlab plot studies/kv-sharing.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=afm.gp
# in this folder: it redraws throughput-vs-length.pattern=afm.png and throughput-vs-length.pattern=afm.svg from throughput-vs-length.pattern=afm.dat.

width = 1120; height = 440   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.pattern=afm.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length.pattern=afm." . format
    set grid
    set multiplot layout 1,2 title "kv-sharing: throughput vs context length (afm)" font ",12"

    # prefill_tokens_per_second
    set title "prefill_tokens_per_second"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set format y "%.0s%c"
    set xlabel "context length (tokens)"
    set ylabel "tokens/s"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # decode_tokens_per_second
    set title "decode_tokens_per_second"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set format y "%.0s%c"
    set xlabel "context length (tokens)"
    set ylabel "tokens/s"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
