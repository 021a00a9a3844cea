# kernel-scaling: throughput vs context length
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 112 of 147 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/kernel-scaling.yaml --publish` (which rewrites it). To restyle, edit this file and run
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
    set multiplot layout 1,3 title "kernel-scaling: throughput vs context length" font ",12"

    # train_tokens_per_second
    set title "training throughput (tokens/s)"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set format y "%.0s%c"
    set yrange [1319.7:61481.5]; set ytics ("2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000, "50k" 50000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[train_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[train_tokens_per_second | swa W64]" using ($1*0.963707):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[train_tokens_per_second | swa W256]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[train_tokens_per_second | swa W1024]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[train_tokens_per_second | ratt W64]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[train_tokens_per_second | ratt W256]" using ($1*1.03766):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[train_tokens_per_second | ratt W1024]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    # prefill_tokens_per_second
    set title "prefill throughput (to the first token) (tokens/s)"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set format y "%.0s%c"
    set yrange [3932.72:207106]; set ytics ("5k" 5000, "10k" 10000, "20k" 20000, "50k" 50000, "100k" 100000, "200k" 200000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[prefill_tokens_per_second | swa W64]" using ($1*0.963707):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[prefill_tokens_per_second | swa W256]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[prefill_tokens_per_second | swa W1024]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[prefill_tokens_per_second | ratt W64]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[prefill_tokens_per_second | ratt W256]" using ($1*1.03766):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[prefill_tokens_per_second | ratt W1024]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set format y "%.0s%c"
    set yrange [94.4102:20276.7]; set ytics ("100" 100, "200" 200, "500" 500, "1k" 1000, "2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode_tokens_per_second | swa W64]" using ($1*0.963707):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode_tokens_per_second | swa W256]" using ($1*0.981686):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[decode_tokens_per_second | swa W1024]" using ($1*1):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[decode_tokens_per_second | ratt W64]" using ($1*1.01866):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode_tokens_per_second | ratt W256]" using ($1*1.03766):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[decode_tokens_per_second | ratt W1024]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    unset multiplot
    set output
}
