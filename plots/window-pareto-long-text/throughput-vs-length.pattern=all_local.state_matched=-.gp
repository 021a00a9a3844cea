# window-pareto-long-text: throughput vs context length (all_local, state_matched=–)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 48 of 108 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=all_local.state_matched=-.gp
# in this folder: it redraws throughput-vs-length.pattern=all_local.state_matched=-.png and throughput-vs-length.pattern=all_local.state_matched=-.svg from throughput-vs-length.pattern=all_local.state_matched=-.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.pattern=all_local.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length.pattern=all_local.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: throughput vs context length (all_local, state_matched=–)" font ",12"

    # train_tokens_per_second
    set title "training throughput (tokens/s)"
    set logscale xy
    set xrange [341.333:3072]
    set xtics ("512" 512, "1024" 1024, "2048" 2048)
    set format y "%.0s%c"
    set yrange [11214.9:94498.8]; set ytics ("20k" 20000, "50k" 50000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[train_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[train_tokens_per_second | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[train_tokens_per_second | swa W8]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[train_tokens_per_second | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[train_tokens_per_second | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[train_tokens_per_second | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[train_tokens_per_second | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[train_tokens_per_second | ratt W8]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[train_tokens_per_second | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[train_tokens_per_second | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[train_tokens_per_second | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[train_tokens_per_second | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    # prefill_tokens_per_second
    set title "prefill throughput (to the first token) (tokens/s)"
    set logscale xy
    set xrange [341.333:3072]
    set xtics ("512" 512, "1024" 1024, "2048" 2048)
    set format y "%.0s%c"
    set yrange [39732.5:433739]; set ytics ("50k" 50000, "100k" 100000, "200k" 200000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[prefill_tokens_per_second | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[prefill_tokens_per_second | swa W8]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[prefill_tokens_per_second | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[prefill_tokens_per_second | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[prefill_tokens_per_second | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[prefill_tokens_per_second | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[prefill_tokens_per_second | ratt W8]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[prefill_tokens_per_second | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[prefill_tokens_per_second | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[prefill_tokens_per_second | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[prefill_tokens_per_second | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [341.333:3072]
    set xtics ("512" 512, "1024" 1024, "2048" 2048)
    set format y "%.0s%c"
    set yrange [2096.1:19455.5]; set ytics ("5k" 5000, "10k" 10000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode_tokens_per_second | linear only]" using ($1*0.955644):2:3:4 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[decode_tokens_per_second | swa W8]" using ($1*0.965328):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[decode_tokens_per_second | swa W16]" using ($1*0.97511):2:3:4 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[decode_tokens_per_second | swa W32]" using ($1*0.984991):2:3:4 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[decode_tokens_per_second | swa W64]" using ($1*0.994972):2:3:4 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode_tokens_per_second | swa W128]" using ($1*1.00505):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[decode_tokens_per_second | ratt W8]" using ($1*1.01524):2:3:4 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[decode_tokens_per_second | ratt W16]" using ($1*1.02553):2:3:4 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[decode_tokens_per_second | ratt W32]" using ($1*1.03592):2:3:4 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[decode_tokens_per_second | ratt W64]" using ($1*1.04641):2:3:4 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode_tokens_per_second | ratt W128]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    unset multiplot
    set output
}
