# window-pareto-long-text: roofline (afm, state_matched=–)
#
# The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).
# x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.
# A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.
# A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot roofline.pattern=afm.state_matched=-.gp
# in this folder: it redraws roofline.pattern=afm.state_matched=-.png and roofline.pattern=afm.state_matched=-.svg from roofline.pattern=afm.state_matched=-.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "roofline.pattern=afm.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "roofline.pattern=afm.state_matched=-." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: roofline (afm, state_matched=–)" font ",12"

    # train
    set title "train: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [2.1536:13080.7]
    set yrange [1.85992e+10:1.05486e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 8.16354e+10 < 5.27429e+11 ? x * 8.16354e+10 : 5.27429e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[train | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # prefill
    set title "prefill: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [2.1536:4239.9]
    set yrange [2.13642e+10:1.05486e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 8.16354e+10 < 5.27429e+11 ? x * 8.16354e+10 : 5.27429e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[prefill | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    # decode
    set title "decode: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [0.166667:19.3824]
    set yrange [1.75751e+09:1.05486e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 8.16354e+10 < 5.27429e+11 ? x * 8.16354e+10 : 5.27429e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[decode | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full"

    unset multiplot
    set output
}
