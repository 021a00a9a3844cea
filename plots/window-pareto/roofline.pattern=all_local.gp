# window-pareto: roofline (all_local)
#
# The roofline min(peak, bandwidth × intensity) with the FMA peak and triad bandwidth measured in the runs' own processes (medians over the rows).
# x: a call's analytic FLOPs ÷ the bytes it must move even with every activation in cache (docs/conventions.md); y: those FLOPs ÷ the call's median time.
# A point's height under the roof is its fraction of the roofline (the data file's last column); bars min..max over the rounds.
# A point above the sloped roof moved its bytes faster than the triad's 64 MiB arrays stream from memory: its weights and state stayed in the last-level cache.
#
# Written by `attnlab plot studies/window-pareto.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot roofline.pattern=all_local.gp
# in this folder: it redraws roofline.pattern=all_local.png and roofline.pattern=all_local.svg from roofline.pattern=all_local.dat.

width = 600; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "roofline.pattern=all_local.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "roofline.pattern=all_local." . format
    set grid
    set multiplot layout 1,1 title "window-pareto: roofline (all_local)" font ",12"

    # decode
    set title "decode: attained FLOP/s against arithmetic intensity"
    set logscale xy
    set xrange [0.166667:33.9088]
    set yrange [1.83502e+09:1.04384e+12]
    set format x "%.0s%c"
    set format y "%.0s%cFLOP/s"
    set xlabel "FLOPs per compulsory byte, log scale"
    set ylabel "attained FLOP/s, log scale"
    set key outside right top
    plot (x * 4.61758e+10 < 5.21921e+11 ? x * 4.61758e+10 : 5.21921e+11) with lines lc rgb "#444444" lw 2 title "roofline", \
         data index "[decode | full]" using 2:3:4:5 with yerrorlines lc rgb "#000000" pt 7 dt 1 lw 1.5 title "full", \
         data index "[decode | linear only]" using 2:3:4:5 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[decode | swa W0]" using 2:3:4:5 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W0", \
         data index "[decode | swa W16]" using 2:3:4:5 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[decode | swa W32]" using 2:3:4:5 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[decode | swa W64]" using 2:3:4:5 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W64", \
         data index "[decode | swa W128]" using 2:3:4:5 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W128", \
         data index "[decode | ratt W0]" using 2:3:4:5 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W0", \
         data index "[decode | ratt W16]" using 2:3:4:5 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[decode | ratt W32]" using 2:3:4:5 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W32", \
         data index "[decode | ratt W64]" using 2:3:4:5 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W64", \
         data index "[decode | ratt W128]" using 2:3:4:5 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W128"

    unset multiplot
    set output
}
