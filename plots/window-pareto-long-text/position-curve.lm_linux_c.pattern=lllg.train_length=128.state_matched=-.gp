# window-pareto-long-text: test bits per byte by position, lm_linux_c (lllg, train_length=128, state_matched=–)
#
# Test bits per byte by position bucket, one line per configuration (mean over seeds, bars min..max),
# at the train length and the longest eval length: a model that uses its context gets better further in;
# past the train length the curve shows what happens beyond the positions it was trained on.
#
# Written by `attnlab plot studies/window-pareto-long-text.yaml --publish` (which rewrites it). To restyle, edit this file and run
#     gnuplot position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.gp
# in this folder: it redraws position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.png and position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.svg from position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.dat.

width = 1280; height = 460   # pixels (svg: points)
fontspec = "sans,10"
data = "position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=-.dat"

do for [format in "png svg"] {
    if (format eq "png") {
        set terminal pngcairo size width,height noenhanced font fontspec
    } else {
        set terminal svg size width,height dynamic noenhanced font fontspec background "white"
    }
    set output "position-curve.lm_linux_c.pattern=lllg.train_length=128.state_matched=-." . format
    set grid
    set multiplot layout 1,2 title "window-pareto-long-text: test bits per byte by position, lm_linux_c (lllg, train_length=128, state_matched=–)" font ",12"

    # eval length 128
    set title "eval length 128 bytes"
    set logscale x 2
    set autoscale x
    set autoscale y
    set xlabel "position in the window (bytes, log scale; bucket at its geometric middle)"
    set ylabel "test bits per byte"
    set key outside right top
    plot data index "[L=128 | linear only]" using 3:4:5:6 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=128 | swa W2]" using 3:4:5:6 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[L=128 | swa W4]" using 3:4:5:6 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[L=128 | swa W8]" using 3:4:5:6 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[L=128 | swa W16]" using 3:4:5:6 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[L=128 | swa W32]" using 3:4:5:6 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[L=128 | ratt W2]" using 3:4:5:6 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[L=128 | ratt W4]" using 3:4:5:6 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[L=128 | ratt W8]" using 3:4:5:6 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[L=128 | ratt W16]" using 3:4:5:6 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[L=128 | ratt W32]" using 3:4:5:6 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W32"

    # eval length 512
    set title "eval length 512 bytes"
    set logscale x 2
    set autoscale x
    set autoscale y
    set xlabel "position in the window (bytes, log scale; bucket at its geometric middle)"
    set ylabel "test bits per byte"
    set key outside right top
    plot data index "[L=512 | linear only]" using 3:4:5:6 with yerrorlines lc rgb "#2ca02c" pt 7 dt 1 lw 1.5 title "linear only", \
         data index "[L=512 | swa W2]" using 3:4:5:6 with yerrorlines lc rgb "#84b4d6" pt 7 dt 1 lw 1.5 title "swa W2", \
         data index "[L=512 | swa W4]" using 3:4:5:6 with yerrorlines lc rgb "#6ba5cd" pt 7 dt 1 lw 1.5 title "swa W4", \
         data index "[L=512 | swa W8]" using 3:4:5:6 with yerrorlines lc rgb "#5196c5" pt 7 dt 1 lw 1.5 title "swa W8", \
         data index "[L=512 | swa W16]" using 3:4:5:6 with yerrorlines lc rgb "#3886bc" pt 7 dt 1 lw 1.5 title "swa W16", \
         data index "[L=512 | swa W32]" using 3:4:5:6 with yerrorlines lc rgb "#1f77b4" pt 7 dt 1 lw 1.5 title "swa W32", \
         data index "[L=512 | ratt W2]" using 3:4:5:6 with yerrorlines lc rgb "#e88889" pt 7 dt 1 lw 1.5 title "ratt W2", \
         data index "[L=512 | ratt W4]" using 3:4:5:6 with yerrorlines lc rgb "#e47071" pt 7 dt 1 lw 1.5 title "ratt W4", \
         data index "[L=512 | ratt W8]" using 3:4:5:6 with yerrorlines lc rgb "#df5858" pt 7 dt 1 lw 1.5 title "ratt W8", \
         data index "[L=512 | ratt W16]" using 3:4:5:6 with yerrorlines lc rgb "#db3f40" pt 7 dt 1 lw 1.5 title "ratt W16", \
         data index "[L=512 | ratt W32]" using 3:4:5:6 with yerrorlines lc rgb "#d62728" pt 7 dt 1 lw 1.5 title "ratt W32"

    unset multiplot
    set output
}
