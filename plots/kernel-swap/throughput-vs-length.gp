# kernel-swap: throughput vs context length
#
# Bench throughput against context length, log-log, one line per variant/window/kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
#
# Written by `attnlab plot studies/kernel-swap.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.gp
# in this folder: it redraws throughput-vs-length.png and throughput-vs-length.svg from throughput-vs-length.dat.

width = 560; height = 440   # pixels (svg: points)
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
    set title "train_tokens_per_second"
    set logscale xy
    set xrange [42.6667:96]
    set xtics ("64" 64)
    set format y "%.0s%c"
    set xlabel "context length (tokens)"
    set ylabel "tokens/s"
    set key outside right top
    plot data index "[train_tokens_per_second | ratt W8 auto]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W8 auto", \
         data index "[train_tokens_per_second | ratt W8 naive+recurrent]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W8 naive+recurrent"

    unset multiplot
    set output
}
