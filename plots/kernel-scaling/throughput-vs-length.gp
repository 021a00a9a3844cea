# kernel-scaling: throughput vs context length
#
# Bench throughput against context length, log-log, one line per variant/window.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
#
# Written by `attnlab plot studies/kernel-scaling.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.gp
# in this folder: it redraws throughput-vs-length.png and throughput-vs-length.svg from throughput-vs-length.dat.

width = 1680; height = 440   # pixels (svg: points)
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
    set title "train_tokens_per_second"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set format y "%.0s%c"
    set xlabel "context length (tokens)"
    set ylabel "tokens/s"
    set key outside right top
    plot data index "[train_tokens_per_second | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[train_tokens_per_second | swa W64]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[train_tokens_per_second | swa W256]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 title "swa W256", \
         data index "[train_tokens_per_second | swa W1024]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 9 dt 3 lw 1.5 title "swa W1024", \
         data index "[train_tokens_per_second | ratt W64]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[train_tokens_per_second | ratt W256]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 2 lw 1.5 title "ratt W256", \
         data index "[train_tokens_per_second | ratt W1024]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 9 dt 3 lw 1.5 title "ratt W1024"

    # prefill_tokens_per_second
    set title "prefill_tokens_per_second"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set format y "%.0s%c"
    set xlabel "context length (tokens)"
    set ylabel "tokens/s"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[prefill_tokens_per_second | swa W64]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[prefill_tokens_per_second | swa W256]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 title "swa W256", \
         data index "[prefill_tokens_per_second | swa W1024]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 9 dt 3 lw 1.5 title "swa W1024", \
         data index "[prefill_tokens_per_second | ratt W64]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[prefill_tokens_per_second | ratt W256]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 2 lw 1.5 title "ratt W256", \
         data index "[prefill_tokens_per_second | ratt W1024]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 9 dt 3 lw 1.5 title "ratt W1024"

    # decode_tokens_per_second
    set title "decode_tokens_per_second"
    set logscale xy
    set xrange [341.333:49152]
    set xtics ("512" 512, "1024" 1024, "2048" 2048, "4096" 4096, "8192" 8192, "16384" 16384, "32768" 32768)
    set format y "%.0s%c"
    set xlabel "context length (tokens)"
    set ylabel "tokens/s"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using 1:2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode_tokens_per_second | swa W64]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode_tokens_per_second | swa W256]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 5 dt 2 lw 1.5 title "swa W256", \
         data index "[decode_tokens_per_second | swa W1024]" using 1:2:3:4 with yerrorlines lc rgb "#1f77b4" pt 9 dt 3 lw 1.5 title "swa W1024", \
         data index "[decode_tokens_per_second | ratt W64]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode_tokens_per_second | ratt W256]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 5 dt 2 lw 1.5 title "ratt W256", \
         data index "[decode_tokens_per_second | ratt W1024]" using 1:2:3:4 with yerrorlines lc rgb "#d62728" pt 9 dt 3 lw 1.5 title "ratt W1024"

    unset multiplot
    set output
}
