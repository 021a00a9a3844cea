# window-pareto-long-text: roofline (all_local, state_matched=–)
#
# The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).
# x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.
# A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.
# A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot roofline.pattern=all_local.state_matched=-.gp
# in this folder: it redraws roofline.pattern=all_local.state_matched=-.png and roofline.pattern=all_local.state_matched=-.svg from roofline.pattern=all_local.state_matched=-.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "roofline.pattern=all_local.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "roofline.pattern=all_local.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: roofline (all_local, state_matched=–)" font ",12"

    # train
    set title "train: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [3.65164:12569.9]
    set yrange [1.55862e+10:1.05162e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.79977e+10 < 5.25811e+11 ? x * 4.79977e+10 : 5.25811e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[train | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[train | linear only]" using 2:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[train | swa W2]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[train | swa W4]" using 2:3:4:5 with yerrorlines lc rgb "#75abd1" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[train | swa W8]" using 2:3:4:5 with yerrorlines lc rgb "#67a3cc" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[train | swa W16]" using 2:3:4:5 with yerrorlines lc rgb "#599ac7" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[train | swa W32]" using 2:3:4:5 with yerrorlines lc rgb "#4a91c2" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[train | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#3c88be" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[train | swa W128]" using 2:3:4:5 with yerrorlines lc rgb "#2d80b9" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[train | swa W256]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[train | ratt W2]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[train | ratt W4]" using 2:3:4:5 with yerrorlines lc rgb "#e67a7b" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[train | ratt W8]" using 2:3:4:5 with yerrorlines lc rgb "#e36c6d" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[train | ratt W16]" using 2:3:4:5 with yerrorlines lc rgb "#e15f5f" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[train | ratt W32]" using 2:3:4:5 with yerrorlines lc rgb "#de5151" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[train | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#db4344" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[train | ratt W128]" using 2:3:4:5 with yerrorlines lc rgb "#d93536" pt 7 dt 1 lw 1.5 title "ratt W128", \
         data index "[train | ratt W256]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W256"

    # prefill
    set title "prefill: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [3.65164:6894.17]
    set yrange [1.34344e+10:1.05162e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.79977e+10 < 5.25811e+11 ? x * 4.79977e+10 : 5.25811e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[prefill | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[prefill | linear only]" using 2:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[prefill | swa W2]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[prefill | swa W4]" using 2:3:4:5 with yerrorlines lc rgb "#75abd1" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[prefill | swa W8]" using 2:3:4:5 with yerrorlines lc rgb "#67a3cc" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[prefill | swa W16]" using 2:3:4:5 with yerrorlines lc rgb "#599ac7" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[prefill | swa W32]" using 2:3:4:5 with yerrorlines lc rgb "#4a91c2" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[prefill | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#3c88be" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[prefill | swa W128]" using 2:3:4:5 with yerrorlines lc rgb "#2d80b9" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[prefill | swa W256]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[prefill | ratt W2]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[prefill | ratt W4]" using 2:3:4:5 with yerrorlines lc rgb "#e67a7b" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[prefill | ratt W8]" using 2:3:4:5 with yerrorlines lc rgb "#e36c6d" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[prefill | ratt W16]" using 2:3:4:5 with yerrorlines lc rgb "#e15f5f" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[prefill | ratt W32]" using 2:3:4:5 with yerrorlines lc rgb "#de5151" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[prefill | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#db4344" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[prefill | ratt W128]" using 2:3:4:5 with yerrorlines lc rgb "#d93536" pt 7 dt 1 lw 1.5 title "ratt W128", \
         data index "[prefill | ratt W256]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W256"

    # decode
    set title "decode: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [0.166667:32.8647]
    set yrange [1.26207e+09:1.05162e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.79977e+10 < 5.25811e+11 ? x * 4.79977e+10 : 5.25811e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[decode | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode | linear only]" using 2:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[decode | swa W2]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[decode | swa W4]" using 2:3:4:5 with yerrorlines lc rgb "#75abd1" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[decode | swa W8]" using 2:3:4:5 with yerrorlines lc rgb "#67a3cc" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[decode | swa W16]" using 2:3:4:5 with yerrorlines lc rgb "#599ac7" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[decode | swa W32]" using 2:3:4:5 with yerrorlines lc rgb "#4a91c2" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[decode | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#3c88be" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode | swa W128]" using 2:3:4:5 with yerrorlines lc rgb "#2d80b9" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[decode | swa W256]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[decode | ratt W2]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[decode | ratt W4]" using 2:3:4:5 with yerrorlines lc rgb "#e67a7b" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[decode | ratt W8]" using 2:3:4:5 with yerrorlines lc rgb "#e36c6d" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[decode | ratt W16]" using 2:3:4:5 with yerrorlines lc rgb "#e15f5f" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[decode | ratt W32]" using 2:3:4:5 with yerrorlines lc rgb "#de5151" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[decode | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#db4344" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode | ratt W128]" using 2:3:4:5 with yerrorlines lc rgb "#d93536" pt 7 dt 1 lw 1.5 title "ratt W128", \
         data index "[decode | ratt W256]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W256"

    unset multiplot
    set output
}
