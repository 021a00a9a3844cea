# window-pareto: throughput vs context length (afm)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 0 of 3 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=afm.gp
# in this folder: it redraws throughput-vs-length.pattern=afm.png and throughput-vs-length.pattern=afm.svg from throughput-vs-length.pattern=afm.dat.

width = 600; height = 460   # pixels (svg: points)
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
    set multiplot layout 1,1 title "window-pareto: throughput vs context length (afm)" font ",12"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set format y "%.0s%c"
    set yrange [444.306:30728.3]; set ytics ("500" 500, "1k" 1000, "2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
