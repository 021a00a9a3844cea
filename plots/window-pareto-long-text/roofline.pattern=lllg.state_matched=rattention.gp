# window-pareto-long-text: roofline (lllg, state_matched=rattention)
#
# The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).
# x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.
# A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.
# A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot roofline.pattern=lllg.state_matched=rattention.gp
# in this folder: it redraws roofline.pattern=lllg.state_matched=rattention.png and roofline.pattern=lllg.state_matched=rattention.svg from roofline.pattern=lllg.state_matched=rattention.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "roofline.pattern=lllg.state_matched=rattention.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "roofline.pattern=lllg.state_matched=rattention." . format
    set grid
    set multiplot layout 1,3 title "window-pareto-long-text: roofline (lllg, state_matched=rattention)" font ",12"

    # train
    set title "train: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [3.59593:5619.95]
    set yrange [1.47145e+10:1.05163e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.87415e+10 < 5.25814e+11 ? x * 4.87415e+10 : 5.25814e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[train | swa W34]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[train | swa W36]" using 2:3:4:5 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[train | swa W40]" using 2:3:4:5 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[train | swa W48]" using 2:3:4:5 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[train | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[train | swa W96]" using 2:3:4:5 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[train | swa W160]" using 2:3:4:5 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[train | swa W288]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    # prefill
    set title "prefill: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [3.59593:4014.13]
    set yrange [1.44059e+10:1.05163e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.87415e+10 < 5.25814e+11 ? x * 4.87415e+10 : 5.25814e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[prefill | swa W34]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[prefill | swa W36]" using 2:3:4:5 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[prefill | swa W40]" using 2:3:4:5 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[prefill | swa W48]" using 2:3:4:5 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[prefill | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[prefill | swa W96]" using 2:3:4:5 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[prefill | swa W160]" using 2:3:4:5 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[prefill | swa W288]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    # decode
    set title "decode: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [0.166667:32.3634]
    set yrange [1.61957e+09:1.05163e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.87415e+10 < 5.25814e+11 ? x * 4.87415e+10 : 5.25814e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[decode | swa W34]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 2 lw 1.5 title "swa W34", \
         data index "[decode | swa W36]" using 2:3:4:5 with yerrorlines lc rgb "#75abd1" pt 7 dt 2 lw 1.5 title "swa W36", \
         data index "[decode | swa W40]" using 2:3:4:5 with yerrorlines lc rgb "#67a3cc" pt 7 dt 2 lw 1.5 title "swa W40", \
         data index "[decode | swa W48]" using 2:3:4:5 with yerrorlines lc rgb "#599ac7" pt 7 dt 2 lw 1.5 title "swa W48", \
         data index "[decode | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#4a91c2" pt 7 dt 2 lw 1.5 title "swa W64", \
         data index "[decode | swa W96]" using 2:3:4:5 with yerrorlines lc rgb "#3c88be" pt 7 dt 2 lw 1.5 title "swa W96", \
         data index "[decode | swa W160]" using 2:3:4:5 with yerrorlines lc rgb "#2d80b9" pt 7 dt 2 lw 1.5 title "swa W160", \
         data index "[decode | swa W288]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 2 lw 1.5 title "swa W288"

    unset multiplot
    set output
}
