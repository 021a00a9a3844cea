# kernel-scaling: roofline
#
# The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).
# x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.
# A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.
# A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache.
#
# Written by `attnlab plot studies/kernel-scaling.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot roofline.gp
# in this folder: it redraws roofline.png and roofline.svg from roofline.dat.

width = 1800; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "roofline.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "roofline." . format
    set grid
    set multiplot layout 1,3 title "kernel-scaling: roofline" font ",12"

    # train
    set title "train: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [3.93375:224467]
    set yrange [3.66349e+10:9.7424e+11]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.12769e+10 < 4.8712e+11 ? x * 4.12769e+10 : 4.8712e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[train | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[train | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[train | swa W256]" using 2:3:4:5 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[train | swa W1024]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[train | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[train | ratt W256]" using 2:3:4:5 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[train | ratt W1024]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    # prefill
    set title "prefill: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [3.93375:48555.4]
    set yrange [4.27814e+10:9.7424e+11]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.12769e+10 < 4.8712e+11 ? x * 4.12769e+10 : 4.8712e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[prefill | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[prefill | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[prefill | swa W256]" using 2:3:4:5 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[prefill | swa W1024]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[prefill | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[prefill | ratt W256]" using 2:3:4:5 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[prefill | ratt W1024]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    # decode
    set title "decode: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [0.166667:35.4038]
    set yrange [2.73679e+09:9.7424e+11]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.12769e+10 < 4.8712e+11 ? x * 4.12769e+10 : 4.8712e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[decode | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode | swa W256]" using 2:3:4:5 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W256", \
         data index "[decode | swa W1024]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W1024", \
         data index "[decode | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode | ratt W256]" using 2:3:4:5 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W256", \
         data index "[decode | ratt W1024]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W1024"

    unset multiplot
    set output
}
