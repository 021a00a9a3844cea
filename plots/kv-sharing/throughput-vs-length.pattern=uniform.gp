# kv-sharing: throughput vs context length (uniform)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 0 of 6 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/kv-sharing.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=uniform.gp
# in this folder: it redraws throughput-vs-length.pattern=uniform.png and throughput-vs-length.pattern=uniform.svg from throughput-vs-length.pattern=uniform.dat.

width = 1200; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.pattern=uniform.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length.pattern=uniform." . format
    set grid
    set multiplot layout 1,2 title "kv-sharing: throughput vs context length (uniform)" font ",12"

    # prefill_tokens_per_second
    set title "prefill throughput (to the first token) (tokens/s)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set format y "%.0s%c"
    set yrange [11035.6:369844]; set ytics ("20k" 20000, "50k" 50000, "100k" 100000, "200k" 200000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set format y "%.0s%c"
    set yrange [407.506:29907.8]; set ytics ("500" 500, "1k" 1000, "2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
