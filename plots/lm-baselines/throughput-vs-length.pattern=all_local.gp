# lm-baselines: throughput vs context length (all_local)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 0 of 5 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/lm-baselines.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=all_local.gp
# in this folder: it redraws throughput-vs-length.pattern=all_local.png and throughput-vs-length.pattern=all_local.svg from throughput-vs-length.pattern=all_local.dat.

width = 600; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.pattern=all_local.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length.pattern=all_local." . format
    set grid
    set multiplot layout 1,1 title "lm-baselines: throughput vs context length (all_local)" font ",12"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [682.667:1536]
    set xtics ("1024" 1024)
    set format y "%.0s%c"
    set yrange [2150.12:18456.4]; set ytics ("5k" 5000, "10k" 10000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode_tokens_per_second | swa W16]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[decode_tokens_per_second | swa W64]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode_tokens_per_second | ratt W16]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[decode_tokens_per_second | ratt W64]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64"

    unset multiplot
    set output
}
