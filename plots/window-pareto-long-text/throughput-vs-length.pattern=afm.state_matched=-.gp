# window-pareto-long-text: throughput vs context length (afm, state_matched=–)
#
# Bench throughput against context length, log-log, one line per variant/window.
# Colour: variant (paler: smaller window); marker: stack; dash: kernel.
# Tokens per second of a training step, a prefill and a decode step (median of the bench budget).
# Median of 3 interleaved rounds, bars min..max; 11 of 18 points spread more than 15 % of their median.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot throughput-vs-length.pattern=afm.state_matched=-.gp
# in this folder: it redraws throughput-vs-length.pattern=afm.state_matched=-.png and throughput-vs-length.pattern=afm.state_matched=-.svg from throughput-vs-length.pattern=afm.state_matched=-.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "throughput-vs-length.pattern=afm.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "throughput-vs-length.pattern=afm.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: throughput vs context length (afm, state_matched=–)" font ",12"

    # train_tokens_per_second
    set title "training throughput (tokens/s)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set format y "%.0s%c"
    set yrange [10355.2:102987]; set ytics ("20k" 20000, "50k" 50000, "100k" 100000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[train_tokens_per_second | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # prefill_tokens_per_second
    set title "prefill throughput (to the first token) (tokens/s)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set format y "%.0s%c"
    set yrange [34194.1:440930]; set ytics ("50k" 50000, "100k" 100000, "200k" 200000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[prefill_tokens_per_second | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # decode_tokens_per_second
    set title "decode throughput (tokens/s)"
    set logscale xy
    set xrange [85.3333:6144]
    set xtics ("128" 128, "256" 256, "512" 512, "1024" 1024, "2048" 2048, "4096" 4096)
    set format y "%.0s%c"
    set yrange [2059.06:46579.6]; set ytics ("5k" 5000, "10k" 10000, "20k" 20000)
    set xlabel "context length (tokens)"
    set ylabel "tokens per second, log scale"
    set key outside right top
    plot data index "[decode_tokens_per_second | full]" using ($1*1):2:3:4 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
