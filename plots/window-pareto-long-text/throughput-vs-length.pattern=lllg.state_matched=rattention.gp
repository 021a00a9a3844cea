# window-pareto-long-text: throughput vs context length (lllg, state_matched=rattention)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 43 of 102 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=lllg.state_matched=rattention.gp
# in this folder: it redraws throughput-vs-length.pattern=lllg.state_matched=rattention.png and throughput-vs-length.pattern=lllg.state_matched=rattention.svg from throughput-vs-length.pattern=lllg.state_matched=rattention.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.pattern=lllg.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length.pattern=lllg.state_matched=rattention." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: throughput vs context length (lllg, state_matched=rattention)" font ",12"

    # train_tokens_per_second
    set title "training throughput (tokens/s)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set format y "%.0s%c"
    set yrange [18870.4:110063]; set ytics ("20k" 20000, "50k" 50000, "100k" 100000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[train_tokens_per_second | swa W34]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[train_tokens_per_second | swa W36]" using ($1*0.961166):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[train_tokens_per_second | swa W40]" using ($1*0.976515):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[train_tokens_per_second | swa W48]" using ($1*0.99211):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[train_tokens_per_second | swa W64]" using ($1*1.00795):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[train_tokens_per_second | swa W96]" using ($1*1.02405):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[train_tokens_per_second | swa W160]" using ($1*1.0404):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[train_tokens_per_second | swa W288]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    # prefill_tokens_per_second
    set title "prefill throughput (to the first token) (tokens/s)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set format y "%.0s%c"
    set yrange [56856.1:352756]; set ytics ("100k" 100000, "200k" 200000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[prefill_tokens_per_second | swa W34]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[prefill_tokens_per_second | swa W36]" using ($1*0.961166):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[prefill_tokens_per_second | swa W40]" using ($1*0.976515):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[prefill_tokens_per_second | swa W48]" using ($1*0.99211):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[prefill_tokens_per_second | swa W64]" using ($1*1.00795):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[prefill_tokens_per_second | swa W96]" using ($1*1.02405):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[prefill_tokens_per_second | swa W160]" using ($1*1.0404):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[prefill_tokens_per_second | swa W288]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set format y "%.0s%c"
    set yrange [3614.52:42665.1]; set ytics ("5k" 5000, "10k" 10000, "20k" 20000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | swa W34]" using ($1*0.946058):2:3:4 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[decode_tokens_per_second | swa W36]" using ($1*0.961166):2:3:4 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[decode_tokens_per_second | swa W40]" using ($1*0.976515):2:3:4 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[decode_tokens_per_second | swa W48]" using ($1*0.99211):2:3:4 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[decode_tokens_per_second | swa W64]" using ($1*1.00795):2:3:4 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[decode_tokens_per_second | swa W96]" using ($1*1.02405):2:3:4 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[decode_tokens_per_second | swa W160]" using ($1*1.0404):2:3:4 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[decode_tokens_per_second | swa W288]" using ($1*1.05702):2:3:4 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    unset multiplot
    set output
}
