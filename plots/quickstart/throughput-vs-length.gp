# quickstart: throughput vs context length
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 2 of 30 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/quickstart.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.gp
# in this folder: it redraws throughput-vs-length.png and throughput-vs-length.svg from throughput-vs-length.dat.

width = 1800; height = 460   # pixels (svg: points)
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
    set multiplot layout 1,3 title "quickstart: throughput vs context length" font ",12"

    # train_tokens_per_second
    set title "training throughput (tokens/s)"
    set logscale xy
    set xrange [170.667:1536]
    set xtics ("256" 256, "1024" 1024)
    set format y "%.0s%c"
    set yrange [88881:615996]; set ytics ("100k" 100000, "200k" 200000, "500k" 500000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[train_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[train_tokens_per_second | swa W8]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[train_tokens_per_second | swa W16]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[train_tokens_per_second | ratt W8]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[train_tokens_per_second | ratt W16]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W16"

    # prefill_tokens_per_second
    set title "prefill throughput (to the first token) (tokens/s)"
    set logscale xy
    set xrange [170.667:1536]
    set xtics ("256" 256, "1024" 1024)
    set format y "%.0s%c"
    set yrange [245562:1.53834e+06]; set ytics ("500k" 500000, "1M" 1000000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[prefill_tokens_per_second | swa W8]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[prefill_tokens_per_second | swa W16]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[prefill_tokens_per_second | ratt W8]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[prefill_tokens_per_second | ratt W16]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W16"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [170.667:1536]
    set xtics ("256" 256, "1024" 1024)
    set format y "%.0s%c"
    set yrange [12225.3:81527.3]; set ytics ("20k" 20000, "50k" 50000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode_tokens_per_second | swa W8]" using ($1*0.972655):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[decode_tokens_per_second | swa W16]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[decode_tokens_per_second | ratt W8]" using ($1*1.02811):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[decode_tokens_per_second | ratt W16]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W16"

    unset multiplot
    set output
}
