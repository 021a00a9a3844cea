# kernel-swap: throughput vs context length
#
# Bench throughput against context length, log-log, one line per variant/window/kernel.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# One round per point (no spread measured: set bench.repeats).
#
# Written by `attnlab plot studies/kernel-swap.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.gp
# in this folder: it redraws throughput-vs-length.png and throughput-vs-length.svg from throughput-vs-length.dat.

width = 600; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length." . format
    set grid
    set multiplot layout 1,1 title "kernel-swap: throughput vs context length" font ",12"

    # train_tokens_per_second
    set title "training throughput (tokens/s)"
    set logscale xy
    set xrange [42.6667:96]
    set xtics ("64" 64)
    set format y "%.0s%c"
    set yrange [5544.99:213589]; set ytics ("10k" 10000, "20k" 20000, "50k" 50000, "100k" 100000, "200k" 200000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[train_tokens_per_second | ratt W8 auto]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W8 auto", \
         data index "[train_tokens_per_second | ratt W8 naive+recurrent]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 2 lw 1.5 title "ratt W8 naive+recurrent"

    unset multiplot
    set output
}
