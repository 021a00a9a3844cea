# window-pareto: throughput vs context length (all_local)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 1 of 36 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
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
    set multiplot layout 1,1 title "window-pareto: throughput vs context length (all_local)" font ",12"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [682.667:24576]
    set xtics ("1024" 1024, "4096" 4096, "16384" 16384)
    set format y "%.0s%c"
    set yrange [374.678:95245.7]; set ytics ("500" 500, "1k" 1000, "2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000, "50k" 50000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode_tokens_per_second | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[decode_tokens_per_second | swa W0]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W0", \
         data index "[decode_tokens_per_second | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[decode_tokens_per_second | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[decode_tokens_per_second | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode_tokens_per_second | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[decode_tokens_per_second | ratt W0]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W0", \
         data index "[decode_tokens_per_second | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[decode_tokens_per_second | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[decode_tokens_per_second | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode_tokens_per_second | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    unset multiplot
    set output
}
